package io.countcast.series;

import io.countcast.model.FitResult;
import java.util.Locale;

/** The information criterion that {@code auto} model choice minimises. */
public enum Criterion {
  AIC, BIC;

  double of(FitResult fit) {
    return this == AIC ? fit.aic() : fit.bic();
  }

  /** Parses {@code aic} or {@code bic}, case-insensitively. */
  public static Criterion parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "aic" -> AIC;
      case "bic" -> BIC;
      default -> throw new IllegalArgumentException(
          "unknown criterion '" + text + "' (expected aic or bic)");
    };
  }
}
