package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The count distributions against R's dnbinom/pnbinom/qnbinom and dpois/ppois/qpois grids. */
class DistributionTest {

  private static final JsonNode EXPECTED = Fixture.load("quine_nb2").expected();

  @Test
  void negativeBinomialMatchesR() {
    Relative rel = new Relative();
    int quantiles = 0;
    for (JsonNode row : EXPECTED.get("nbReference")) {
      NegBinomialCount d =
          new NegBinomialCount(row.get("mu").asDouble(), row.get("size").asDouble());
      String at = "mu=" + d.mean() + " size=" + d.size();
      if (row.has("k")) {
        long k = row.get("k").asLong();
        rel.check(at + " cdf(" + k + ")", d.cdf(k), row.get("cdf").asDouble());
        rel.check(at + " pmf(" + k + ")", d.pmf(k), row.get("pmf").asDouble());
        rel.check(at + " logPmf(" + k + ")", d.logPmf(k), row.get("logPmf").asDouble());
        double upper = 1 - row.get("cdf").asDouble();
        assertThat(d.exceedance(k)).as(at + " exceedance(" + k + ")")
            .isCloseTo(upper, within(1e-12 + 1e-9 * upper));
      } else {
        double p = row.get("p").asDouble();
        assertThat(d.quantile(p)).as(at + " quantile(" + p + ")")
            .isEqualTo(row.get("quantile").asLong());
        quantiles++;
      }
    }
    System.out.printf("nbReference max relative error %.2e (%s); %d quantiles equal%n",
        rel.max(), rel.where(), quantiles);
    assertThat(rel.max()).as(rel.where()).isLessThan(1e-9);
    assertThat(quantiles).isGreaterThan(50);
  }

  @Test
  void poissonMatchesR() {
    Relative rel = new Relative();
    for (JsonNode row : EXPECTED.get("poissonReference")) {
      PoissonCount d = new PoissonCount(row.get("mu").asDouble());
      if (row.has("k")) {
        long k = row.get("k").asLong();
        rel.check("mu=" + d.mean() + " cdf(" + k + ")", d.cdf(k), row.get("cdf").asDouble());
        rel.check("mu=" + d.mean() + " pmf(" + k + ")", d.pmf(k), row.get("pmf").asDouble());
        rel.check("mu=" + d.mean() + " logPmf(" + k + ")", d.logPmf(k),
            row.get("logPmf").asDouble());
      } else {
        assertThat(d.quantile(row.get("p").asDouble())).isEqualTo(row.get("quantile").asLong());
      }
    }
    assertThat(rel.max()).as(rel.where()).isLessThan(1e-9);
  }

  @Test
  void hugeSizeIsThePoissonLimitWithoutNaN() {
    NegBinomialCount nb = new NegBinomialCount(7.5, 1e14);
    PoissonCount poisson = new PoissonCount(7.5);
    for (long k = 0; k < 30; k++) {
      assertThat(nb.pmf(k)).isCloseTo(poisson.pmf(k), within(1e-12));
      assertThat(nb.cdf(k)).isCloseTo(poisson.cdf(k), within(1e-12));
    }
    assertThat(nb.quantile(0.99)).isEqualTo(poisson.quantile(0.99));
    NegBinomialCount large = new NegBinomialCount(7.5, 4.5e5);
    assertThat(large.cdf(10)).isCloseTo(poisson.cdf(10), within(1e-4)).isNotNaN();
  }

  @Test
  void tinySizeWithLargeMeanHasAFarUpperQuantile() {
    NegBinomialCount d = new NegBinomialCount(5000, 0.05);
    long q = d.quantile(0.99);
    assertThat(d.cdf(q)).isGreaterThanOrEqualTo(0.99);
    assertThat(d.cdf(q - 1)).isLessThan(0.99);
    assertThat(d.quantile(0.5)).isEqualTo(0); // more than half the mass sits at zero
  }

  @Test
  void pmfSumsToOneAndMeanMatches() {
    NegBinomialCount d = new NegBinomialCount(3.7, 1.6);
    double total = 0;
    double mean = 0;
    for (long k = 0; k < 2000; k++) {
      total += d.pmf(k);
      mean += k * d.pmf(k);
    }
    assertThat(total).isCloseTo(1, within(1e-12));
    assertThat(mean).isCloseTo(d.mean(), within(1e-10));
  }

  @Test
  void zeroInflationAddsMassAtZero() {
    NegBinomialCount base = new NegBinomialCount(4, 2);
    ZeroInflatedCount zi = new ZeroInflatedCount(0.3, base);
    assertThat(zi.pmf(0)).isCloseTo(0.3 + 0.7 * base.pmf(0), within(1e-15));
    assertThat(zi.pmf(3)).isCloseTo(0.7 * base.pmf(3), within(1e-15));
    assertThat(zi.cdf(5) + zi.exceedance(5)).isCloseTo(1, within(1e-14));
    assertThat(zi.mean()).isCloseTo(0.7 * 4, within(1e-14));
    double var = 0;
    for (long k = 0; k < 500; k++) {
      var += (k - zi.mean()) * (k - zi.mean()) * zi.pmf(k);
    }
    assertThat(zi.variance()).isCloseTo(var, within(1e-9));
    assertThat(zi.logPmf(0)).isCloseTo(Math.log(zi.pmf(0)), within(1e-15));
    long q = zi.quantile(0.9);
    assertThat(zi.cdf(q)).isGreaterThanOrEqualTo(0.9);
    assertThat(zi.cdf(q - 1)).isLessThan(0.9);
  }

  @Test
  void nb1SizeIsMeanOverAlpha() {
    NegBinomialCount d = NegBinomialCount.nb1(6, 2);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.variance()).isCloseTo(6 * (1 + 2), within(1e-12));
  }

  @Test
  void runsOfProbabilitiesAgreeWithThePmfTermByTerm() {
    CountDistribution[] cases = {
        new NegBinomialCount(300, 4.2), new NegBinomialCount(5000, 0.37),
        new NegBinomialCount(0.02, 0.5), new NegBinomialCount(7, 1e12),
        new NegBinomialCount(0, 2), new PoissonCount(250), new PoissonCount(0.3),
        new ZeroInflatedCount(0.3, new NegBinomialCount(12, 1.5))};
    for (CountDistribution d : cases) {
      for (long from : new long[] {-3, 0, 150}) {
        double[] run = new double[1000];
        d.pmfs(from, run);
        for (int j = 0; j < run.length; j++) {
          // the direct pmf is itself exp of log-gamma sums of ~10³: ~1e-12 relative error
          double exact = d.pmf(from + j);
          assertThat(run[j]).as("%s at %d", d, from + j)
              .isCloseTo(exact, within(1e-11 * exact + 1e-300));
        }
      }
    }
  }
}
