package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** NbMath's own ψ, ψ′ and ln Γ against 30-digit references and against finite sums. */
class NbMathSpecialFunctionsTest {

  /** x, ψ(x), ψ′(x), ln Γ(x), from mpmath 1.x at 30 digits (digamma, psi(1, x), loggamma). */
  private static final double[][] REFERENCE = {
      {1e-8, -100000000.57721564845, 10000000000000001.645, 18.420680738180208905},
      {1e-3, -1000.5755719318103005, 1000001.642533195869, 6.9071788853838536825},
      {0.1, -10.423754940411076795, 101.43329915079275882, 2.2527126517342059599},
      {0.5, -1.9635100260214234794, 4.9348022005446793094, 0.57236494292470008707},
      {1, -0.57721566490153286061, 1.6449340668482264365, 0.0},
      {2.5, 0.70315664064524318723, 0.49035775610023486497, 0.28468287047291915963},
      {7.9, 2.0022384875635709878, 0.13493078345663442193, 8.3242658680088089235},
      {9.99, 2.2507003728312010995, 0.10527695014824178675, 12.77931521435019288},
      {10, 2.2517525890667211076, 0.10516633568168574612, 12.801827480081469611},
      {24.5, 3.1781261463533075216, 0.041660642161016485053, 53.190494526169265444},
      {123.4, 4.8113737751162773729, 0.0081366516108652636859, 469.33609744219055844},
      {5e4, 10.819768284376949777, 0.000020000200001333333333, 490984.42327157182173},
      {1e7, 16.118095600958318955, 1.0000000500000016667e-7, 151180949.36947391394},
  };

  @Test
  void matchHighPrecisionReferences() {
    // commons-math's digamma, which these replace, is off by about 3e-9 absolute at 0.1 to 24.5.
    for (double[] r : REFERENCE) {
      double x = r[0];
      assertThat(NbMath.digamma(x)).as("digamma(%s)", x).isCloseTo(r[1], within(r[1], 1e-14));
      assertThat(NbMath.trigamma(x)).as("trigamma(%s)", x).isCloseTo(r[2], within(r[2], 1e-14));
      assertThat(NbMath.logGamma(x)).as("logGamma(%s)", x).isCloseTo(r[3], within(r[3], 1e-14));
    }
  }

  @Test
  void largeCountDifferencesMatchTheirFiniteSums() {
    // Just above the finite-sum limit the special-function branch must agree with the sums.
    for (double s : new double[] {0.05, 1.3, 8, 40, 900}) {
      double y = 30;
      double d1 = 0;
      double d2 = 0;
      double lg = 0;
      for (int j = 0; j < y; j++) {
        d1 += 1 / (s + j);
        d2 += 1 / ((s + j) * (s + j));
        lg += Math.log1p(j / s);
      }
      assertThat(NbMath.digammaDiff(y, s)).as("digammaDiff s=%s", s).isCloseTo(d1, within(d1, 1e-13));
      assertThat(NbMath.trigammaDiff(y, s)).as("trigammaDiff s=%s", s).isCloseTo(d2, within(d2, 1e-13));
      assertThat(NbMath.logGammaRatioScaled(y, s)).as("logGammaRatio s=%s", s)
          .isCloseTo(lg, within(lg, 1e-11));
    }
  }

  /**
   * {@code relative} of the reference, or 1e-14 absolute at a zero (ln Γ(1) = ln Γ(10) − ln 9!). The ln Γ ratio gets 1e-11:
   * above the finite-sum limit it cancels two ln Γ values in the thousands, as it did with
   * commons-math.
   */
  private static Offset<Double> within(double reference, double relative) {
    return Offset.offset(Math.max(relative * Math.abs(reference), 1e-14));
  }
}
