package io.countcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every R reference fixture, fitted with default options, agrees with R to 1e-6 relative on
 * coefficients, SEs, θ/α with SEs, logLik, AIC, BIC, Pearson χ², deviance and the predictions'
 * link, link SE and mean. The largest error per case is printed for the record.
 */
class FixtureAgreementTest {

  static final double TOLERANCE = 1e-6;

  @ParameterizedTest
  @ValueSource(strings = {"quine_poisson", "quine_nb2", "biochemists_nb2", "sim_nb2_offset",
      "sim_nb2_nooverdisp", "sim_nb1", "sim_nb1_offset", "sim_zinb2", "biochemists_zinb2"})
  void agreesWithR(String name) {
    Fixture f = Fixture.load(name);
    JsonNode e = f.expected();
    FitResult r = CountRegression.fit(f.data(), FitOptions.defaults(f.family()));
    Relative rel = new Relative();
    compare(rel, "", r.coefficients(), e.get("coefficients"));
    if (e.has("zeroCoefficients")) {
      compare(rel, "zero ", r.zeroCoefficients(), e.get("zeroCoefficients"));
    }
    rel.check("logLik", r.logLik(), e.get("logLik").asDouble());
    rel.check("aic", r.aic(), e.get("aic").asDouble());
    rel.check("bic", r.bic(), e.get("bic").asDouble());
    rel.check("pearsonChi2", r.pearsonChi2(), e.get("pearsonChi2").asDouble());
    if (e.has("deviance")) {
      rel.check("deviance", r.deviance(), e.get("deviance").asDouble());
    }
    boolean thetaDiverges = name.equals("sim_nb2_nooverdisp");
    if (e.has("theta") && !thetaDiverges) {
      rel.check("theta", r.theta(), e.get("theta").asDouble());
      rel.check("thetaStdError", r.thetaStdError(), e.get("thetaStdError").asDouble());
    }
    if (e.has("logThetaStdError")) {
      rel.check("logThetaStdError", r.logThetaStdError(), e.get("logThetaStdError").asDouble());
    }
    if (e.has("alpha")) {
      rel.check("alpha", r.alpha(), e.get("alpha").asDouble());
      rel.check("alphaStdError", r.alphaStdError(), e.get("alphaStdError").asDouble());
      rel.check("logAlphaStdError", r.logAlphaStdError(), e.get("logAlphaStdError").asDouble());
    }
    comparePredictions(rel, f, r);
    System.out.printf("%-20s max relative error vs R %.2e (%s)%n", name, rel.max(), rel.where());

    assertThat(rel.max()).as(rel.where()).isLessThan(TOLERANCE);
    assertThat(r.dfResidual()).isEqualTo(e.get("dfResidual").asInt());
    assertThat(r.n()).isEqualTo(e.get("nobs").asInt());
    assertThat(r.converged()).isTrue();
    if (f.family() == Family.POISSON) {
      assertThat(r.iterations()).isEqualTo(e.get("iterations").asInt());
    }
    if (e.has("alternations")) {
      assertThat(r.iterations()).isEqualTo(e.get("alternations").asInt());
    }
    if (thetaDiverges) {
      assertThat(r.theta()).isGreaterThan(1e3);
      assertThat(r.warnings()).anyMatch(w -> w.startsWith("no overdispersion"));
    } else if (f.family() != Family.NB1) {
      assertThat(r.warnings()).hasSameSizeAs(e.get("warnings"));
    }
  }

  private static void compare(Relative rel, String part, List<Coefficient> got, JsonNode want) {
    assertThat(got).hasSize(want.size());
    for (int j = 0; j < got.size(); j++) {
      Coefficient c = got.get(j);
      JsonNode x = want.get(j);
      assertThat(c.term()).isEqualTo(x.get("term").asText());
      rel.check(part + c.term(), c.estimate(), x.get("estimate").asDouble());
      rel.check(part + c.term() + " SE", c.stdError(), x.get("stdError").asDouble());
    }
  }

  private static void comparePredictions(Relative rel, Fixture f, FitResult r) {
    Predictor predictor = new Predictor(r, 0.95, PredictiveMode.PLUG_IN);
    ModelData d = f.data();
    for (JsonNode p : f.expected().get("predictions")) {
      int i = p.get("row").asInt() - 1;
      double offset = d.offset() == null ? 0 : d.offset()[i];
      Prediction got = d.zeroX() == null ? predictor.predict(d.x().row(i), offset)
          : predictor.predict(d.x().row(i), d.zeroX().row(i), offset);
      String at = "prediction row " + (i + 1);
      rel.check(at + " link", got.link(), p.get("link").asDouble());
      rel.check(at + " mean", got.mean(), p.get("mean").asDouble());
      if (p.has("linkSe")) {
        rel.check(at + " linkSe", got.linkStdError(), p.get("linkSe").asDouble());
      }
      if (p.has("zeroProb")) {
        ZeroInflatedCount zi = (ZeroInflatedCount) got.distribution();
        rel.check(at + " zeroProb", zi.zeroProbability(), p.get("zeroProb").asDouble());
        rel.check(at + " countMean", zi.base().mean(), p.get("countMean").asDouble());
      }
    }
  }
}
