package io.countcast.series;

import io.countcast.model.Coefficient;
import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import java.util.List;

/**
 * A forecast of the windows after a series' last observation.
 *
 * @param windows one entry per future window, in time order
 * @param threshold the surge threshold K
 * @param surgeProbability P(at least one window in the horizon exceeds K), combined as
 *     1 − Π(1 − p_h): the windows are treated as conditionally independent given their means
 * @param model the chosen model
 */
public record SeriesForecast(List<WindowForecast> windows, long threshold,
                             double surgeProbability, ChosenModel model) {

  public SeriesForecast {
    windows = List.copyOf(windows);
  }

  /**
   * One future window.
   *
   * @param start window start (epoch seconds, or row number for a series without clock)
   * @param end window end (exclusive)
   * @param expected predictive mean
   * @param lower90 5% predictive quantile
   * @param upper90 95% predictive quantile
   * @param exceedance P(count &gt; threshold)
   * @param distribution the predictive distribution itself: simulations over the horizon (the
   *     error budget's exhaustion) and scoring the window once its count is known (the
   *     operator archives it)
   */
  public record WindowForecast(long start, long end, double expected, long lower90, long upper90,
                               double exceedance, CountDistribution distribution) { }

  /**
   * The model behind a forecast (its lag-1 fit, on which the choice was made).
   *
   * @param family the family
   * @param featureSet the feature set name
   * @param theta NB2/ZINB2 size θ (Var = μ + μ²/θ), NaN otherwise
   * @param alpha NB1 α (Var = μ(1 + α)), NaN otherwise
   * @param aic AIC of the lag-1 fit
   * @param logLik log-likelihood of the lag-1 fit
   * @param coefficients count-part coefficients of the lag-1 fit
   * @param reason why this model was chosen
   * @param warnings fallbacks taken
   * @param method a fitted regression, or the Gamma–Poisson rate of a window with too few
   *     events (then family is poisson, the only coefficient is the log of the posterior mean
   *     rate with its posterior SD, and θ, α, AIC and log-likelihood are NaN)
   */
  public record ChosenModel(Family family, String featureSet, double theta, double alpha,
                            double aic, double logLik, List<Coefficient> coefficients,
                            String reason, List<String> warnings, ForecastMethod method) {

    public ChosenModel {
      coefficients = List.copyOf(coefficients);
      warnings = List.copyOf(warnings);
    }

    /** A fitted regression. */
    public ChosenModel(Family family, String featureSet, double theta, double alpha, double aic,
        double logLik, List<Coefficient> coefficients, String reason, List<String> warnings) {
      this(family, featureSet, theta, alpha, aic, logLik, coefficients, reason, warnings,
          ForecastMethod.REGRESSION);
    }
  }
}
