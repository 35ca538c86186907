package io.countcast.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Prints the max relative error per fixture (run as a main from the test classpath). */
final class FixtureAgreementReport {
  public static void main(String[] args) {
    for (String c : List.of("quine_poisson", "quine_nb2", "biochemists_nb2", "sim_nb2_offset",
        "sim_nb2_nooverdisp", "sim_nb1", "sim_nb1_offset", "sim_zinb2", "biochemists_zinb2")) {
      Fixture f = Fixture.load(c);
      long t0 = System.nanoTime();
      FitResult r = CountRegression.fit(f.data(), FitOptions.defaults(f.family()));
      long t1 = System.nanoTime();
      JsonNode e = f.expected();
      double coef = 0;
      double se = 0;
      double seUnits = 0;
      double[] acc = new double[3];
      compare(r.coefficients(), e.get("coefficients"), acc);
      if (e.has("zeroCoefficients")) {
        compare(r.zeroCoefficients(), e.get("zeroCoefficients"), acc);
      }
      coef = acc[0];
      se = acc[1];
      seUnits = acc[2];
      System.out.printf("%-20s %.1fms conv=%s it=%d coef %.2e (%.2e SE) se %.2e ll %.2e",
          c, (t1 - t0) / 1e6, r.converged(), r.iterations(), coef, seUnits, se,
          rel(r.logLik(), e.get("logLik").asDouble()));
      if (e.has("theta")) {
        System.out.printf(" theta %.2e thetaSE %.2e", rel(r.theta(), e.get("theta").asDouble()),
            rel(r.thetaStdError(), e.get("thetaStdError").asDouble()));
      }
      if (e.has("alpha")) {
        System.out.printf(" alpha %.2e alphaSE %.2e", rel(r.alpha(), e.get("alpha").asDouble()),
            rel(r.alphaStdError(), e.get("alphaStdError").asDouble()));
      }
      System.out.printf(" aic %.2e bic %.2e pearson %.2e", rel(r.aic(), e.get("aic").asDouble()),
          rel(r.bic(), e.get("bic").asDouble()),
          rel(r.pearsonChi2(), e.get("pearsonChi2").asDouble()));
      if (e.has("deviance")) {
        System.out.printf(" dev %.2e", rel(r.deviance(), e.get("deviance").asDouble()));
      }
      System.out.printf(" df %d/%d %s%n", r.dfResidual(), e.get("dfResidual").asInt(),
          r.warnings());
    }
  }

  static void compare(List<Coefficient> got, JsonNode expected, double[] acc) {
    for (Coefficient co : got) {
      JsonNode x = Fixture.coefficient(expected, co.term());
      acc[0] = Math.max(acc[0], rel(co.estimate(), x.get("estimate").asDouble()));
      acc[1] = Math.max(acc[1], rel(co.stdError(), x.get("stdError").asDouble()));
      acc[2] = Math.max(acc[2], Math.abs(co.estimate() - x.get("estimate").asDouble())
          / x.get("stdError").asDouble());
    }
  }

  static double rel(double a, double b) {
    return Math.abs(a - b) / Math.abs(b);
  }
}
