package io.countcast.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {

  private static double[] uniform(int n, double from, double to, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    Arrays.setAll(x, i -> from + (to - from) * rng.nextDouble());
    return x;
  }

  @Test
  void aSampleFromTheSameDistributionIsStableAndAShiftedOneIsNot() {
    double[] reference = uniform(2000, 0, 100, 1);
    assertThat(PopulationStability.of(reference, uniform(500, 0, 100, 2))).isLessThan(0.05);
    // doubling every value: most of the recent sample lands in the reference's top bins
    assertThat(PopulationStability.of(reference, uniform(500, 0, 200, 3))).isGreaterThan(0.25);
  }

  @Test
  void theIndexMatchesTheFormulaOnHandCountedBins() {
    // reference 1..10: deciles 1..9, ten bins of one value each; recent all in the top bin
    double[] reference = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] recent = {10, 10, 10, 10};
    double t = 1.5 / 15;             // (1 + 0.5) / (10 + 0.5 * 10)
    double rTop = 4.5 / 9;           // (4 + 0.5) / (4 + 0.5 * 10)
    double rOther = 0.5 / 9;
    double expected = (rTop - t) * Math.log(rTop / t) + 9 * (rOther - t) * Math.log(rOther / t);
    assertThat(PopulationStability.of(reference, recent)).isCloseTo(expected, within(1e-12));
    assertThat(PopulationStability.cutPoints(reference))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void aConstantReferenceHasTwoBinsAndAnEqualConstantIsStable() {
    double[] zeros = new double[84];
    assertThat(PopulationStability.cutPoints(zeros)).containsExactly(0);
    assertThat(PopulationStability.of(zeros, new double[12])).isLessThan(0.1);
    double[] sevens = new double[50];
    Arrays.fill(sevens, 7);
    assertThat(PopulationStability.of(sevens, sevens)).isCloseTo(0, within(1e-12));
    // all zeros before, errors now: a major shift, yet finite despite the empty bin
    double[] errors = new double[12];
    Arrays.fill(errors, 3);
    assertThat(PopulationStability.of(zeros, errors)).isGreaterThan(1).isFinite();
  }

  @Test
  void tiedDecilesOfCountsAreMerged() {
    double[] counts = {0, 0, 0, 0, 0, 0, 1, 1, 2, 5};
    assertThat(PopulationStability.cutPoints(counts)).containsExactly(0, 1, 2);
  }

  @Test
  void anEmptySampleHasNoIndexAndNaNIsRefused() {
    assertThat(PopulationStability.of(new double[0], new double[] {1})).isNaN();
    assertThat(PopulationStability.of(new double[] {1}, new double[0])).isNaN();
    assertThatThrownBy(() -> PopulationStability.of(new double[] {1, Double.NaN},
        new double[] {1})).hasMessageContaining("NaN");
    assertThatThrownBy(() -> PopulationStability.of(new double[] {1},
        new double[] {Double.NaN})).hasMessageContaining("NaN");
  }
}
