package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Intervals, quantiles and exceedances from a fitted model (R agreement of link, SE and mean
 * is in {@link FixtureAgreementTest}). */
class PredictorTest {

  @Test
  void meanIntervalIsTheExponentiatedWaldIntervalOnTheLink() {
    Fixture f = Fixture.load("quine_nb2");
    FitResult r = CountRegression.fit(f.data(), FitOptions.defaults(Family.NB2));
    Prediction p = new Predictor(r, 0.95, PredictiveMode.PLUG_IN).predict(f.data().x().row(0), 0);
    double z = 1.959963984540054;
    assertThat(p.meanLower()).isCloseTo(Math.exp(p.link() - z * p.linkStdError()), within(1e-9));
    assertThat(p.meanUpper()).isCloseTo(Math.exp(p.link() + z * p.linkStdError()), within(1e-9));
    NegBinomialCount nb = (NegBinomialCount) p.distribution();
    assertThat(nb.size()).isEqualTo(r.theta());
    long q90 = p.quantile(0.9);
    assertThat(nb.cdf(q90)).isGreaterThanOrEqualTo(0.9);
    assertThat(nb.cdf(q90 - 1)).isLessThan(0.9);
    assertThat(p.exceedance(q90)).isLessThanOrEqualTo(0.1);
  }

  @Test
  void zeroInflatedMeanIntervalContainsTheMean() {
    Fixture f = Fixture.load("sim_zinb2");
    FitResult r = CountRegression.fit(f.data(), FitOptions.defaults(Family.ZINB2));
    Prediction p = new Predictor(r, 0.9).predict(f.data().x().row(3), f.data().zeroX().row(3), 0);
    assertThat(p.meanLower()).isLessThan(p.mean());
    assertThat(p.meanUpper()).isGreaterThan(p.mean());
    assertThat(p.distribution()).isInstanceOf(ZeroInflatedCount.class);
  }

  @Test
  void hugeThetaPredictsLikePoissonWithoutNaN() {
    Fixture f = Fixture.load("sim_nb2_nooverdisp");
    FitResult nb2 = CountRegression.fit(f.data(), FitOptions.defaults(Family.NB2));
    FitResult poisson = CountRegression.fit(f.data(), FitOptions.defaults(Family.POISSON));
    double[] row = f.data().x().row(10);
    Prediction a = new Predictor(nb2, 0.95).predict(row, 0);
    Prediction b = new Predictor(poisson, 0.95).predict(row, 0);
    assertThat(a.mean()).isCloseTo(b.mean(), within(1e-3));
    assertThat(a.quantile(0.99)).isEqualTo(b.quantile(0.99));
    assertThat(a.exceedance(5)).isNotNaN().isCloseTo(b.exceedance(5), within(1e-3));
  }

  @Test
  void posteriorPredictiveHasThePlugInMeanAndIsWider() {
    Fixture f = Fixture.load("quine_nb2");
    FitResult r = CountRegression.fit(f.data(), FitOptions.defaults(Family.NB2));
    double[] row = f.data().x().row(0);
    Prediction plugIn = new Predictor(r, 0.95, PredictiveMode.PLUG_IN).predict(row, 0);
    Prediction posterior = new Predictor(r, 0.95).predict(row, 0);
    assertThat(posterior.mean()).isEqualTo(plugIn.mean());
    assertThat(posterior.distribution().variance())
        .isGreaterThan(plugIn.distribution().variance());
    assertThat(posterior.quantile(0.95)).isGreaterThanOrEqualTo(plugIn.quantile(0.95));
  }
}
