package io.countcast.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.signal.WindowSample;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Computes a CountForecast's next status from its previous status and what one reconcile
 * observed. Pure: no client, no clock, so every rule is unit-tested.
 *
 * <p>Rules:
 * <ul>
 *   <li>Every reconcile sets {@code observedGeneration} on the status and on each condition.</li>
 *   <li>A condition's {@code lastTransitionTime} changes only when its status flips.</li>
 *   <li>A new training replaces model, forecast, surge probability and backtest; otherwise the
 *       last ones are kept, marked {@code stale} while a problem stops fresh data; the Ready
 *       and Degraded messages then say so and give the forecast's age.</li>
 *   <li>{@code expectedNext}, {@code lowerNext} and {@code upperNext} follow the clock: they are
 *       those of the first forecast window that has not ended yet, absent once all have ended.</li>
 *   <li>{@code samples}, {@code lastCount} and {@code lastWindowEnd} follow the stored history
 *       and keep their last values while it cannot be read.</li>
 *   <li>{@code errorBudget} is what the reconcile worked out from the SLO's counts
 *       ({@link ErrorBudgets}): kept while they cannot be read, absent without spec.slo.</li>
 *   <li>Conditions: Ready, Trained, SurgeForecast, Degraded and Calibrated
 *       ({@link CalibrationStatus}), reasons from {@link Reasons};
 *       ActionReady from the act step's outcome ({@link #applyAction});
 *       kstatus's Stalled or Reconciling only while true.</li>
 * </ul>
 */
public final class StatusAggregator {

  private static final String TRUE = "True";
  private static final String FALSE = "False";
  private static final String UNKNOWN = "Unknown";
  /** Plain Jackson: the status types carry their own annotations, and copies must be deep. */
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The next status; {@code previous} (may be null) is not modified. */
  public CountForecastStatus aggregate(CountForecastStatus previous, Observations seen) {
    CountForecastStatus next = previous == null ? new CountForecastStatus() : copy(previous);
    next.setObservedGeneration(seen.generation());
    next.setSignalKind(seen.signalKind());
    if (seen.samples() != null) {
      next.setSamples(seen.samples());
      WindowSample latest = seen.latest();
      next.setLastCount(latest == null ? null : latest.count());
      next.setLastWindowEnd(latest == null ? null
          : rfc3339(Instant.ofEpochSecond(latest.endEpochSecond())));
    }
    if (seen.trained() != null) {
      publish(next, seen.trained(), seen.now());
    }
    CalibrationStatus.apply(next, seen.archive());
    ForecastWindow current = currentWindow(next, seen.now());
    next.setExpectedNext(current == null ? null : current.getExpected());
    next.setLowerNext(current == null ? null : current.getLower());
    next.setUpperNext(current == null ? null : current.getUpper());
    boolean hasModel = next.getModel() != null;
    next.setStale(hasModel ? seen.problem() != null : null);
    errorBudget(next, seen);
    List<Condition> before = previous == null ? List.of() : previous.getConditions();
    List<Condition> conditions = new ArrayList<>(4);
    conditions.add(ready(seen, hasModel, next, before));
    conditions.add(trained(seen, hasModel, next, before));
    conditions.add(surge(seen, hasModel, next, before));
    conditions.add(degraded(seen, hasModel, next, before));
    CalibrationStatus.Verdict calibrated = CalibrationStatus.verdict(next);
    conditions.add(condition(before, seen, ConditionType.CALIBRATED, calibrated.status(),
        calibrated.reason(), calibrated.message()));
    kstatus(seen, hasModel, conditions.get(0), before).ifPresent(conditions::add);
    next.setConditions(conditions);
    return next;
  }

  /**
   * Puts the act step's outcome into {@code next} (from {@link #aggregate}): status.action and
   * the ActionReady condition, False with the failure's reason while the action is not in
   * effect, True (ActionApplied) otherwise.
   */
  public void applyAction(CountForecastStatus next, CountForecastStatus previous,
      ActionOutcome outcome, Observations seen) {
    next.setAction(outcome.status());
    List<Condition> before = previous == null ? List.of() : previous.getConditions();
    Condition ready = outcome.failure() != null
        ? condition(before, seen, ConditionType.ACTION_READY, FALSE, outcome.failure().reason(),
            outcome.failure().message())
        : condition(before, seen, ConditionType.ACTION_READY, TRUE, Reasons.ACTION_APPLIED,
            outcome.status() == null || outcome.status().getReason() == null
                ? "no action taken" : outcome.status().getReason());
    List<Condition> conditions = new ArrayList<>(next.getConditions());
    conditions.removeIf(c -> ConditionType.ACTION_READY.equals(c.getType()));
    conditions.add(ready);
    next.setConditions(conditions);
  }

  private static void publish(CountForecastStatus next, TrainedForecast trained, Instant now) {
    String time = rfc3339(now);
    next.setModel(trained.model());
    next.setForecast(new ArrayList<>(trained.windows()));
    next.setSurgeProbability(trained.surgeProbability());
    next.setBacktest(trained.backtest());
    next.setLastTrainedTime(time);
    next.setLastForecastTime(time);
  }

  /** status.errorBudget as the reconcile worked it out (see {@link ErrorBudgets}). */
  private static void errorBudget(CountForecastStatus next, Observations seen) {
    next.setErrorBudget(seen.errorBudget());
  }

  /** The first forecast window that ends after {@code now}, or null. */
  private static ForecastWindow currentWindow(CountForecastStatus status, Instant now) {
    if (status.getForecast() == null) {
      return null;
    }
    return status.getForecast().stream()
        .filter(w -> w.getEnd() != null && Instant.parse(w.getEnd()).isAfter(now))
        .findFirst().orElse(null);
  }

  private static Condition ready(Observations seen, boolean hasModel, CountForecastStatus next,
      List<Condition> before) {
    if (seen.problem() != null) {
      return condition(before, seen, ConditionType.READY, FALSE, seen.problem().reason(),
          problemMessage(seen, next));
    }
    if (hasModel) {
      return condition(before, seen, ConditionType.READY, TRUE, Reasons.FORECAST_PUBLISHED,
          "forecast of " + next.getForecast().size() + " windows published");
    }
    return notTrainedYet(before, seen, ConditionType.READY);
  }

  /**
   * kstatus's abnormal-true conditions, present only while true, so that Flux and other kstatus
   * readers see a CountForecast as Failed (Stalled: a problem keeps the forecast from being
   * current) or InProgress (Reconciling: history is still being collected for the first fit),
   * and as Current when neither is present and observedGeneration is the generation. Each
   * carries the Ready condition's reason and message.
   */
  private static Optional<Condition> kstatus(Observations seen, boolean hasModel, Condition ready,
      List<Condition> before) {
    if (seen.problem() != null) {
      return Optional.of(condition(before, seen, ConditionType.STALLED, TRUE, ready.getReason(),
          ready.getMessage()));
    }
    if (!hasModel) {
      return Optional.of(condition(before, seen, ConditionType.RECONCILING, TRUE,
          ready.getReason(), ready.getMessage()));
    }
    return Optional.empty();
  }

  private static Condition trained(Observations seen, boolean hasModel, CountForecastStatus next,
      List<Condition> before) {
    if (isFitFailure(seen)) {
      return condition(before, seen, ConditionType.TRAINED, FALSE, Reasons.FIT_FAILED,
          seen.problem().message());
    }
    if (seen.trained() != null) {
      return condition(before, seen, ConditionType.TRAINED, TRUE, Reasons.MODEL_FITTED,
          modelName(seen.trained().model()) + " model fitted on "
              + seen.trained().trainingWindows() + " windows at " + next.getLastTrainedTime());
    }
    if (hasModel) {
      Condition last = find(before, ConditionType.TRAINED);
      String message = last != null && TRUE.equals(last.getStatus()) ? last.getMessage()
          : next.getModel().getFamily() + " model fitted at " + next.getLastTrainedTime();
      return condition(before, seen, ConditionType.TRAINED, TRUE, Reasons.MODEL_FITTED, message);
    }
    return notTrainedYet(before, seen, ConditionType.TRAINED);
  }

  /** The family, or gamma-poisson for the rate of a history with too few events. */
  private static String modelName(ModelStatus model) {
    return "gamma-poisson".equals(model.getMethod()) ? model.getMethod() : model.getFamily();
  }

  /** Ready and Trained before the first fit: InsufficientHistory with the count so far. */
  private static Condition notTrainedYet(List<Condition> before, Observations seen, String type) {
    if (insufficientHistory(seen)) {
      return condition(before, seen, type, FALSE, Reasons.INSUFFICIENT_HISTORY, progress(seen));
    }
    return condition(before, seen, type, FALSE, Reasons.NOT_TRAINED, "no model fitted yet");
  }

  private static Condition surge(Observations seen, boolean hasModel, CountForecastStatus next,
      List<Condition> before) {
    if (!hasModel) {
      return condition(before, seen, ConditionType.SURGE_FORECAST, UNKNOWN, Reasons.NOT_TRAINED,
          "no model fitted yet");
    }
    Double p = next.getSurgeProbability();
    if (seen.surgeProbability() == null || p == null) {
      return condition(before, seen, ConditionType.SURGE_FORECAST, FALSE,
          Reasons.SURGE_NOT_CONFIGURED, "spec.surge is not set");
    }
    boolean likely = p >= seen.surgeProbability();
    String message = String.format(Locale.ROOT,
        "probability that some window in the horizon exceeds the threshold is %.3f, %s %.3f",
        p, likely ? "at or above" : "below", seen.surgeProbability());
    return condition(before, seen, ConditionType.SURGE_FORECAST, likely ? TRUE : FALSE,
        likely ? Reasons.SURGE_LIKELY : Reasons.NO_SURGE_EXPECTED, message);
  }

  private static Condition degraded(Observations seen, boolean hasModel, CountForecastStatus next,
      List<Condition> before) {
    if (seen.problem() != null) {
      return condition(before, seen, ConditionType.DEGRADED, TRUE, seen.problem().reason(),
          problemMessage(seen, next));
    }
    if (!hasModel && insufficientHistory(seen)) {
      return condition(before, seen, ConditionType.DEGRADED, TRUE, Reasons.INSUFFICIENT_HISTORY,
          progress(seen));
    }
    return condition(before, seen, ConditionType.DEGRADED, FALSE, Reasons.HEALTHY,
        "collecting and forecasting normally");
  }

  /**
   * The problem's message; with a forecast on show, also that it is kept but stale and how old
   * it is (whole minutes, so the status does not change on every tick).
   */
  private static String problemMessage(Observations seen, CountForecastStatus next) {
    String message = seen.problem().message();
    if (next.getModel() == null || next.getLastForecastTime() == null) {
      return message;
    }
    long minutes = Math.max(0,
        Duration.between(Instant.parse(next.getLastForecastTime()), seen.now()).toMinutes());
    return message + "; the last good forecast (from " + next.getLastForecastTime() + ", "
        + minutes + " min old) is kept and marked stale";
  }

  private static boolean isFitFailure(Observations seen) {
    return seen.problem() != null && Reasons.FIT_FAILED.equals(seen.problem().reason());
  }

  private static boolean insufficientHistory(Observations seen) {
    return seen.samples() != null && seen.samples() < seen.minSamples();
  }

  private static String progress(Observations seen) {
    return seen.samples() + " of " + seen.minSamples() + " windows collected";
  }

  /** A condition that keeps the previous lastTransitionTime unless its status flips. */
  private static Condition condition(List<Condition> before, Observations seen, String type,
      String status, String reason, String message) {
    Condition last = find(before, type);
    String since = last != null && status.equals(last.getStatus()) && last.getLastTransitionTime() != null
        ? last.getLastTransitionTime() : rfc3339(seen.now());
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withObservedGeneration(seen.generation())
        .withLastTransitionTime(since).build();
  }

  private static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** metav1.Time: RFC 3339 with second precision. */
  static String rfc3339(Instant time) {
    return time.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static CountForecastStatus copy(CountForecastStatus status) {
    return JSON.convertValue(status, CountForecastStatus.class);
  }

  /** True when the two statuses serialize to the same JSON, i.e. a patch would change nothing. */
  public static boolean same(CountForecastStatus a, CountForecastStatus b) {
    return JSON.valueToTree(a).equals(JSON.valueToTree(b));
  }
}
