package io.countcast.operator;

import io.countcast.api.CountForecastSpec;
import io.countcast.api.FamilyChoice;
import io.countcast.api.ModelSpec;
import io.countcast.api.PromDuration;
import io.countcast.api.Seasonality;
import io.countcast.api.SurgeSpec;
import io.countcast.signal.SampleHistory;
import java.time.Duration;
import java.util.List;

/**
 * A CountForecast spec with its durations parsed and its cross-field rules checked: the values
 * the reconcile steps work with.
 *
 * @param window window length
 * @param historyWindows how many closed windows are kept (history ÷ window)
 * @param horizonWindows how many windows are forecast (horizon ÷ window, rounded up)
 * @param trainEvery time between two fits
 * @param minSamples closed windows needed before the first fit
 * @param family requested family, or auto
 * @param seasonality seasonal cycles to model
 * @param trend whether to model a linear trend
 * @param surgeThreshold count above which a window is a surge, or null without spec.surge
 * @param surgeProbability probability at which a surge is declared (ignored without threshold)
 */
public record ForecastSettings(Duration window, int historyWindows, int horizonWindows,
    Duration trainEvery, int minSamples, FamilyChoice family, List<Seasonality> seasonality,
    boolean trend, Integer surgeThreshold, double surgeProbability) {

  public ForecastSettings {
    seasonality = List.copyOf(seasonality);
  }

  /**
   * Parses {@code spec}.
   *
   * @throws ProblemException with reason InvalidSpec naming the field, for values the schema
   *     cannot reject
   */
  public static ForecastSettings of(CountForecastSpec spec) {
    Duration window = duration("window", spec.getWindow());
    Duration history = duration("history", spec.getHistory());
    Duration horizon = duration("horizon", spec.getHorizon());
    Duration trainEvery = duration("trainEvery", spec.getTrainEvery());
    int historyWindows;
    try {
      historyWindows = SampleHistory.capacityFor(history, window);
    } catch (IllegalArgumentException e) {
      throw invalid("spec.history: " + e.getMessage());
    }
    int minSamples = spec.getMinSamples() == null ? 48 : spec.getMinSamples();
    if (minSamples > historyWindows) {
      throw invalid("spec.minSamples " + minSamples + " is more than the " + historyWindows
          + " windows spec.history " + spec.getHistory() + " keeps; lower minSamples or lengthen history");
    }
    int horizonWindows = (int) Math.max(1,
        (horizon.getSeconds() + window.getSeconds() - 1) / window.getSeconds());
    ModelSpec model = spec.getModel() == null ? new ModelSpec() : spec.getModel();
    SurgeSpec surge = spec.getSurge();
    return new ForecastSettings(window, historyWindows, horizonWindows, trainEvery, minSamples,
        model.getFamily() == null ? FamilyChoice.AUTO : model.getFamily(),
        model.getSeasonality() == null ? List.of() : model.getSeasonality(),
        Boolean.TRUE.equals(model.getTrend()),
        surge == null ? null : surge.getThreshold(),
        surge == null || surge.getProbability() == null ? 0.8 : surge.getProbability());
  }

  private static Duration duration(String field, String text) {
    try {
      return PromDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid("spec." + field + ": " + e.getMessage());
    }
  }

  private static ProblemException invalid(String message) {
    return new ProblemException(Reasons.INVALID_SPEC, message);
  }

  /** Window length in whole seconds. */
  public long windowSeconds() {
    return window.getSeconds();
  }
}
