package io.countcast.cli;

import io.countcast.model.Coefficient;
import io.countcast.model.Family;
import io.countcast.model.FitResult;
import io.countcast.model.ModelSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link FitReport} as text in the shape of R's {@code summary()}. */
final class FitSummary {

  private FitSummary() {
  }

  static String render(FitReport report) {
    FitResult fit = report.fit();
    Family family = fit.family();
    StringBuilder sb = new StringBuilder();
    sb.append("Family:  ").append(family.id()).append(" (log link)\n");
    sb.append("Formula: ").append(report.formula()).append('\n');
    if (report.zeroFormula() != null) {
      sb.append("Zero-inflation formula: ").append(report.zeroFormula()).append('\n');
    }
    sb.append("n = ").append(fit.n()).append("\n\n");
    String countTitle = family == Family.ZINB2
        ? "Count model coefficients (negbin with log link):" : "Coefficients:";
    coefficientTable(sb, countTitle, fit.coefficients());
    if (family == Family.ZINB2) {
      sb.append('\n');
      coefficientTable(sb, "Zero-inflation model coefficients (binomial with logit link):",
          fit.zeroCoefficients());
    }
    sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n\n");
    sb.append(dispersionLine(fit)).append('\n');
    int k = fit.coefficients().size() + fit.zeroCoefficients().size()
        + (family == Family.POISSON ? 0 : 1);
    sb.append(f("Log-likelihood: %.4f on %d Df%n", fit.logLik(), k));
    sb.append(f("AIC: %.3f   BIC: %.3f%n", fit.aic(), fit.bic()));
    if (Double.isFinite(fit.deviance())) {
      sb.append(f("Residual deviance: %.3f on %d degrees of freedom%n", fit.deviance(),
          fit.dfResidual()));
    }
    sb.append(f("Pearson chi2: %.3f on %d df%n", fit.pearsonChi2(), fit.dfResidual()));
    sb.append(f("Iterations: %d, converged: %s%n", fit.iterations(),
        fit.converged() ? "yes" : "NO"));
    sb.append(f("Fit time: %.1f ms%n", report.fitMillis()));
    if (report.selection() != null) {
      selection(sb, report.selection());
    }
    sb.append(fit.warnings().isEmpty() ? "Warnings: none\n" : "Warnings:\n");
    fit.warnings().forEach(w -> sb.append("  - ").append(w).append('\n'));
    return sb.toString();
  }

  /** θ or α spelled out with the variance formula, so nobody confuses the two. */
  static String dispersionLine(FitResult fit) {
    String variance = fit.family().name() + ": " + fit.family().varianceFormula();
    return switch (fit.family()) {
      case POISSON -> variance + " (no dispersion parameter)";
      case NB2, ZINB2 -> variance + f(", theta = %.4g (SE %.4g)", fit.theta(),
          fit.thetaStdError());
      case NB1 -> variance + f(", alpha = %.4g (SE %.4g)", fit.alpha(), fit.alphaStdError());
    };
  }

  private static void coefficientTable(StringBuilder sb, String title, List<Coefficient> cs) {
    sb.append(title).append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "Estimate", "Std. Error", "z value", "Pr(>|z|)", ""});
    for (Coefficient c : cs) {
      rows.add(new String[] {c.term(), f("%.5f", c.estimate()), f("%.5f", c.stdError()),
          f("%.3f", c.z()), pValue(c.pValue()), stars(c.pValue())});
    }
    int[] width = new int[6];
    for (String[] r : rows) {
      for (int j = 0; j < 6; j++) {
        width[j] = Math.max(width[j], r[j].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(pad(r[0], width[0], false));
      for (int j = 1; j < 5; j++) {
        line.append(' ').append(pad(r[j], width[j], true));
      }
      line.append(' ').append(r[5]);
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static void selection(StringBuilder sb, ModelSelection.Selection s) {
    sb.append(f("%nFamily selection by %s: %s%n", s.criterion(), s.reason()));
    sb.append(f("  %-8s %12s %12s  %s%n", "family", "AIC", "BIC", "status"));
    for (ModelSelection.Candidate c : s.candidates()) {
      sb.append(f("  %-8s %12.3f %12.3f  %s%s%n", c.family().id(), c.aic(), c.bic(), c.status(),
          c.family() == s.chosen() ? "  <- chosen" : ""));
    }
    sb.append('\n');
  }

  /** Like R's format.pval with 3 significant digits: tiny values as "< 2e-16". */
  static String pValue(double p) {
    if (Double.isNaN(p)) {
      return "NA";
    }
    if (p < 2.2e-16) {
      return "< 2e-16";
    }
    return p < 1e-4 ? f("%.2e", p) : f("%.3g", p);
  }

  static String stars(double p) {
    if (!(p < 0.1)) {
      return "";
    }
    return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : ".";
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
