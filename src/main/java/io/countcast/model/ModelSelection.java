package io.countcast.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Choosing a family: the boundary-corrected likelihood-ratio test of NB2 against Poisson, and
 * {@link #auto} which fits every family and keeps the lowest information criterion among the
 * fits that converged.
 */
public final class ModelSelection {

  private ModelSelection() {
  }

  /** Which information criterion {@link #auto} minimises. */
  public enum Criterion { AIC, BIC }

  /**
   * LR test of NB2 against Poisson.
   *
   * @param statistic LR = 2(ℓ_NB2 − ℓ_Poisson), floored at 0
   * @param pValue 0.5·P(χ²₁ &gt; LR): θ⁻¹ = 0 lies on the boundary of the parameter space, so the
   *     null distribution is the 50:50 mixture of a point mass at 0 and χ²₁ (p = 1 when LR = 0)
   */
  public record LikelihoodRatioTest(double statistic, double pValue) {
  }

  /** One family's outcome in {@link #auto}. */
  public record Candidate(Family family, Optional<FitResult> fit, double aic, double bic,
                          String status) {
    /** Usable for the choice: fitted and converged. */
    public boolean eligible() {
      return fit.isPresent() && fit.get().converged();
    }
  }

  /**
   * @param chosen the family with the lowest criterion among converged fits
   * @param fit its fit
   * @param reason one sentence: why this family, and why others were skipped
   * @param candidates every family tried, with its AIC/BIC (NaN if not fitted) and status
   */
  public record Selection(Family chosen, FitResult fit, Criterion criterion, String reason,
                          List<Candidate> candidates) {
  }

  public static LikelihoodRatioTest nb2VersusPoisson(FitResult poisson, FitResult nb2) {
    if (poisson.family() != Family.POISSON || nb2.family() != Family.NB2) {
      throw new IllegalArgumentException("expected a Poisson and an NB2 fit, got "
          + poisson.family().id() + " and " + nb2.family().id());
    }
    double lr = Math.max(0, 2 * (nb2.logLik() - poisson.logLik()));
    double p = lr == 0 ? 1 : 0.5 * (1 - new ChiSquaredDistribution(1).cumulativeProbability(lr));
    return new LikelihoodRatioTest(lr, p);
  }

  /**
   * Fits poisson, nb2, nb1 and zinb2 with {@code options} (its family is ignored) and chooses the
   * lowest AIC or BIC among converged fits. Families whose fit failed or did not converge are
   * skipped and the reason recorded. Throws {@link ModelException} if the data are refused or no
   * family converged.
   */
  public static Selection auto(ModelData data, FitOptions options, Criterion criterion) {
    List<Candidate> candidates = new ArrayList<>();
    for (Family family : Family.values()) {
      candidates.add(tryFit(data, options.withFamily(family)));
    }
    Comparator<Candidate> byCriterion =
        Comparator.comparingDouble(c -> criterion == Criterion.AIC ? c.aic() : c.bic());
    Candidate best = candidates.stream().filter(Candidate::eligible).min(byCriterion)
        .orElseThrow(() -> new ModelException("no family could be fitted: "
            + String.join("; ", candidates.stream()
                .map(c -> c.family().id() + " " + c.status()).toList())));
    return new Selection(best.family(), best.fit().orElseThrow(), criterion,
        reason(best, candidates, criterion), List.copyOf(candidates));
  }

  private static Candidate tryFit(ModelData data, FitOptions options) {
    Family family = options.family();
    try {
      FitResult fit = CountRegression.fit(data, options);
      String status = fit.converged() ? "converged"
          : "did not converge (" + String.join("; ", fit.warnings()) + ")";
      return new Candidate(family, Optional.of(fit), fit.aic(), fit.bic(), status);
    } catch (ModelException e) {
      if (family == Family.POISSON) {
        throw e; // the data themselves are refused; every family would say the same
      }
      return new Candidate(family, Optional.empty(), Double.NaN, Double.NaN,
          "failed: " + e.getMessage());
    }
  }

  private static String reason(Candidate best, List<Candidate> all, Criterion criterion) {
    String name = criterion.name();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%s has the lowest %s (%.2f) among converged fits", best.family().id(), name,
        value(best, criterion)));
    List<String> others = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Candidate c : all) {
      if (c == best) {
        continue;
      }
      if (c.eligible()) {
        others.add(String.format(Locale.ROOT, "%s %.2f", c.family().id(), value(c, criterion)));
      } else {
        skipped.add(c.family().id() + " skipped: " + c.status());
      }
    }
    if (!others.isEmpty()) {
      sb.append(" (").append(String.join(", ", others)).append(')');
    }
    if (!skipped.isEmpty()) {
      sb.append("; ").append(String.join("; ", skipped));
    }
    return sb.toString();
  }

  private static double value(Candidate c, Criterion criterion) {
    return criterion == Criterion.AIC ? c.aic() : c.bic();
  }
}
