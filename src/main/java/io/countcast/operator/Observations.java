package io.countcast.operator;

import io.countcast.api.ErrorBudgetStatus;
import io.countcast.signal.WindowSample;
import java.time.Instant;
import java.util.Objects;

/**
 * What one reconcile saw and decided, the input of {@link StatusAggregator}.
 *
 * @param generation metadata.generation of the CountForecast
 * @param now the reconcile time
 * @param signalKind podRestarts or prometheus
 * @param samples closed windows in the history, or null when they could not be read
 * @param latest the latest closed window of the history, or null when there is none or the
 *     history could not be read
 * @param minSamples windows needed before the first fit
 * @param surgeProbability spec.surge.probability, or null without spec.surge
 * @param problem what keeps the resource from working, or null
 * @param trained the training done in this reconcile, or null if none was due or it failed
 * @param errorBudget the status.errorBudget to publish (see {@link ErrorBudgets}), or null
 *     without spec.slo
 * @param archive what the prediction archive says, or null when it was not read this time
 *     (the status then keeps what it showed)
 */
public record Observations(long generation, Instant now, String signalKind, Integer samples,
    WindowSample latest, int minSamples, Double surgeProbability, Problem problem,
    TrainedForecast trained, ErrorBudgetStatus errorBudget, ArchiveView archive) {

  public Observations {
    Objects.requireNonNull(now, "now");
  }

  /** What a reconcile without spec.slo saw, without the prediction archive. */
  public Observations(long generation, Instant now, String signalKind, Integer samples,
      WindowSample latest, int minSamples, Double surgeProbability, Problem problem,
      TrainedForecast trained) {
    this(generation, now, signalKind, samples, latest, minSamples, surgeProbability, problem,
        trained, null, null);
  }
}
