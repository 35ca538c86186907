package io.countcast.series;

import io.countcast.model.FitResult;
import java.util.Locale;

/** The information criterion that {@code auto} model choice minimises. */
public enum Criterion {
  AIC, BIC,
  /**
   * Held-out log score: time-series cross-validation inside the training window (see
   * {@code SeriesModelFitter}); candidates are fitted and pre-ranked by AIC first.
   */
  CV;

  double of(FitResult fit) {
    return this == BIC ? fit.bic() : fit.aic();
  }

  /** Parses {@code aic} or {@code bic}, case-insensitively. */
  public static Criterion parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "aic" -> AIC;
      case "bic" -> BIC;
      case "cv" -> CV;
      default -> throw new IllegalArgumentException(
          "unknown criterion '" + text + "' (expected aic, bic or cv)");
    };
  }
}
