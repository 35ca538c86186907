package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ConditionType;
import io.countcast.api.ErrorBudgetStatus;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.prometheus.PrometheusQueryLimit;
import io.countcast.signal.WindowSample;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles CountForecasts. Each reconcile is one tick of the schedule and stays thin:
 * <ol>
 *   <li>observe: collect the signal (pod restarts or Prometheus) into windows and load the
 *       stored history;</li>
 *   <li>decide: fit and forecast when training is due ({@link TrainingSchedule}) or the data
 *       drifted from what the model was trained on ({@link DriftCheck}); archive the forecasts
 *       and the windows that closed, numbering the models ({@link PredictionArchives});</li>
 *   <li>act: the {@link SurgeAction} (annotations, HPA floor, headroom; see
 *       {@link SurgeActions}), its outcome in status.action and the ActionReady condition;</li>
 *   <li>publish: {@link StatusAggregator} computes the status, patched only when it changed,
 *       gauges updated, a Warning Event for each new problem.</li>
 * </ol>
 * The next tick is rescheduled at the window boundary for restarts, when the next window is
 * complete for Prometheus, sooner while Prometheus fails ({@link TickSchedule}); collection never
 * waits for an event. User-fixable problems become conditions, not exceptions; unexpected errors
 * go through {@link #updateErrorStatus} and the schedule goes on.
 */
@ControllerConfiguration(name = CountForecastReconciler.NAME)
public final class CountForecastReconciler
    implements Reconciler<CountForecast>, Cleaner<CountForecast> {

  /** Controller name, also the prefix of JOSDK's metrics for it. */
  public static final String NAME = "countforecast";
  /** Retry delay after an unexpected error when the window is unknown (invalid spec). */
  private static final Duration ERROR_RETRY = Duration.ofSeconds(30);
  /** Retry delay after a write conflict. */
  private static final Duration CONFLICT_RETRY = Duration.ofSeconds(1);
  /** Shortest delay to the next tick. */
  private static final Duration MIN_TICK = Duration.ofMillis(20);
  private static final Logger LOG = LoggerFactory.getLogger(CountForecastReconciler.class);

  private final SignalCollectors collectors;
  private final PredictionArchives archives;
  private final SignalDeadline deadline;
  private final PrometheusSignals prometheus;
  private final TargetSelector targets;
  private final TrainingSchedule training = new TrainingSchedule();
  private final StatusAggregator aggregator = new StatusAggregator();
  private final Forecaster forecaster;
  private final SurgeAction action;
  private final ForecastMetrics metrics;
  private final ForecastEvents events;
  private final Clock clock;

  /** A reconciler without Prometheus defaults (queries confined, no default URL). */
  public CountForecastReconciler(KubernetesClient client, Forecaster forecaster,
      SurgeAction action, ForecastMetrics metrics, Clock clock) {
    this(client, forecaster, action, metrics, clock, PrometheusDefaults.none());
  }

  public CountForecastReconciler(KubernetesClient client, Forecaster forecaster,
      SurgeAction action, ForecastMetrics metrics, Clock clock,
      PrometheusDefaults prometheusDefaults) {
    this(client, forecaster, action, metrics, clock, prometheusDefaults,
        SignalDeadline.DEFAULT_LIMIT);
  }

  /** @param signalDeadline the longest one CountForecast's signal collection may take */
  CountForecastReconciler(KubernetesClient client, Forecaster forecaster,
      SurgeAction action, ForecastMetrics metrics, Clock clock,
      PrometheusDefaults prometheusDefaults, Duration signalDeadline) {
    this.deadline = new SignalDeadline(signalDeadline, metrics::countDeadlineExceeded);
    this.collectors = new SignalCollectors(client,
        new PrometheusQueryLimit(prometheusDefaults.maxConcurrency()));
    this.archives = new PredictionArchives(client);
    this.prometheus = new PrometheusSignals(client, prometheusDefaults);
    this.targets = new TargetSelector(client);
    this.forecaster = forecaster;
    this.action = action;
    this.metrics = metrics;
    this.events = new ForecastEvents(client);
    this.clock = clock;
  }

  /** Hears of CountForecasts leaving this shard (relabelled) so their state is dropped. */
  @Override
  public List<EventSource<?, CountForecast>> prepareEventSources(
      EventSourceContext<CountForecast> context) {
    return List.of(new ShardDepartures(this::forget));
  }

  @Override
  public UpdateControl<CountForecast> reconcile(CountForecast forecast, Context<CountForecast> context) {
    try {
      return reconcileOrThrow(forecast, storedSpec(forecast, context));
    } catch (Error e) {
      // Scoped to this resource: JOSDK's error handling (updateErrorStatus) takes it from here.
      throw ReconcileBoundary.recoverable(e);
    } finally {
      forgetIfDeparted(forecast, context);
    }
  }

  /**
   * A CountForecast relabelled out of this shard while it was being reconciled: the departure
   * ({@link ShardDepartures}) may have come before this reconcile stored its collector and
   * gauges, so they are dropped again.
   */
  private void forgetIfDeparted(CountForecast forecast, Context<CountForecast> context) {
    if (context != null
        && context.getPrimaryCache().get(ResourceID.fromResource(forecast)).isEmpty()) {
      forget(forecast);
    }
  }

  /**
   * The spec as the informer read it: JOSDK hands the reconciler a JSON copy, which loses the
   * marker of a spec that could not be read (CountForecastSpec#unreadable); the cached original
   * keeps it, so the user is told which field cannot be read.
   */
  private static CountForecastSpec storedSpec(CountForecast forecast, Context<CountForecast> context) {
    if (context == null) {
      return forecast.getSpec(); // called directly (tests), not through JOSDK
    }
    return context.getPrimaryCache().get(ResourceID.fromResource(forecast))
        .map(CountForecast::getSpec).filter(spec -> spec.unreadable() != null)
        .orElse(forecast.getSpec());
  }

  private UpdateControl<CountForecast> reconcileOrThrow(CountForecast forecast,
      CountForecastSpec spec) {
    Instant now = clock.instant();
    ForecastPlan plan = null;
    Integer samples = null;
    WindowSample latest = null;
    TrainedForecast trained = null;
    SignalCollectors.SloCounts slo = null;
    ArchiveView archive = null;
    Problem problem = null;
    Duration sooner = null;
    try {
      plan = ForecastPlan.of(spec);
      SignalCollectors.Observed observed = observe(forecast, plan, now);
      SeriesArrays history = observed.history();
      samples = history.size();
      latest = latestWindow(history, plan);
      slo = observed.slo();
      problem = discardedHistory(observed, plan);
      DriftCheck.Report drift = DriftCheck.of(history, archives.model(forecast, plan), plan);
      boolean onDrift = drift != null && drift.retrain();
      ProblemException fitFailure = null;
      try {
        trained = decide(forecast, plan, history, now, onDrift ? drift : null);
      } catch (ProblemException e) {
        fitFailure = e; // the windows that closed are archived all the same
      }
      archive = ArchiveView.of(archives.update(forecast, plan, history, trained, now), history,
          plan, drift);
      if (fitFailure != null) {
        throw fitFailure;
      }
      sooner = earlier(observed.retryAfter(), training.untilDue(forecast.getMetadata().getUid(),
          generation(forecast), samples, plan.model(), clock.instant()));
    } catch (ProblemException e) {
      problem = e.problem();
    }
    if (problem != null && plan == null) {
      LOG.info("CountForecast {}/{} has an invalid spec: {}",
          forecast.getMetadata().getNamespace(), forecast.getMetadata().getName(),
          problem.message());
    }
    CountForecastStatus next = publish(forecast, plan,
        observations(forecast, plan, now, samples, latest, problem, trained, slo, archive),
        now);
    UpdateControl<CountForecast> control = sameStatus(forecast, next)
        ? UpdateControl.noUpdate() : UpdateControl.patchStatus(withStatus(forecast, next));
    // An invalid spec waits for the user's edit, which is an event; anything else ticks on.
    return plan == null ? control
        : control.rescheduleAfter(
            earlier(nextTick(forecast, plan, problem, clock.instant()), sooner));
  }

  /**
   * The earlier of two delays, either of which may be null: the signal's tick, a backfill's
   * turn, the CountForecast's refit slot ({@link TrainingSchedule#untilDue}). Never below
   * {@link #MIN_TICK}, so a slot that is due now is not a busy loop.
   */
  private static Duration earlier(Duration a, Duration b) {
    Duration min = a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
    return min == null || min.compareTo(MIN_TICK) >= 0 ? min : MIN_TICK;
  }

  /**
   * Restarts: twice per window, the closing tick at the uid's phase. Prometheus: when the next window is complete, or sooner while
   * Prometheus fails, so a recovery is seen (and Degraded cleared) promptly.
   */
  private static Duration nextTick(CountForecast forecast, ForecastPlan plan, Problem problem,
      Instant now) {
    Duration window = plan.windows().window();
    if (!plan.signal().isPrometheus()) {
      return TickSchedule.untilNextTick(now, window, forecast.getMetadata().getUid());
    }
    Duration complete = TickSchedule.untilNextCompletion(now, window,
        SignalCollectors.windowing(plan).settleDelay());
    Duration retry = TickSchedule.retryAfterFailure(window);
    return problem != null && PrometheusSignals.isTransient(problem) && retry.compareTo(complete) < 0
        ? retry : complete;
  }

  /** Observe: one collector tick; returns the closed windows stored so far. */
  private SignalCollectors.Observed observe(CountForecast forecast, ForecastPlan plan,
      Instant now) {
    SignalCollectors.ObservedSignal signal;
    if (plan.signal().isPrometheus()) {
      targets.requireTarget(forecast, plan);
      signal = collectors.prometheus(forecast, plan, prometheus.resolve(forecast, plan));
    } else {
      signal = collectors.restarts(forecast, plan, targets.resolve(forecast, plan));
    }
    String kind = plan.signal().kind();
    try {
      return metrics.timeSignal(kind, () -> deadline.run("collecting the " + kind + " signal",
          () -> signal.observe(now)));
    } catch (ProblemException e) {
      if (e.problem().reason().equals(Reasons.SIGNAL_DEADLINE_EXCEEDED)) {
        // Stopped mid-tick: rebuild the collector from its stored history next time.
        collectors.remove(forecast.getMetadata().getUid());
      }
      throw e;
    }
  }

  /**
   * HistoryCorrupt while a history started afresh (the stored one was corrupt) is still short
   * of minSamples: until then it is why there is no forecast.
   */
  private static Problem discardedHistory(SignalCollectors.Observed observed, ForecastPlan plan) {
    int size = observed.history().size();
    if (observed.discardedHistory() == null || size >= plan.model().minSamples()) {
      return null;
    }
    return new Problem(Reasons.HISTORY_CORRUPT, observed.discardedHistory()
        + "; the stored history was discarded and collection started afresh (" + size + " of "
        + plan.model().minSamples() + " windows collected)");
  }

  /**
   * Decide: fit and forecast if training is due, or the data drifted from what the current
   * model was trained on ({@code drift}, non-null only then; see {@link DriftCheck}); null if
   * neither.
   *
   * @throws ProblemException FitFailed when this fit, or the last one while the next is not due,
   *     failed
   */
  private TrainedForecast decide(CountForecast forecast, ForecastPlan plan,
      SeriesArrays history, Instant now, DriftCheck.Report drift) {
    String uid = forecast.getMetadata().getUid();
    long generation = generation(forecast);
    boolean scheduled = training.isDue(uid, generation, history.size(), plan.model(), now);
    boolean onDrift = !scheduled && drift != null && history.size() >= plan.model().minSamples();
    if (!scheduled && !onDrift) {
      training.lastFailure(uid, generation).ifPresent(failure -> {
        throw new ProblemException(failure.reason(), failure.message());
      });
      return null;
    }
    try {
      TrainedForecast trained = metrics.timeFit(() -> forecaster.train(history, plan));
      training.succeeded(uid, generation, now);
      if (onDrift) {
        events.normal(forecast, Reasons.RETRAINING_ON_DRIFT, "the data drifted from the windows "
            + "the model was trained on, so it was retrained before trainEvery was due: "
            + drift.describe(), now);
      }
      return trained;
    } catch (RuntimeException e) {
      LOG.info("fit failed for CountForecast {}/{}: {}", forecast.getMetadata().getNamespace(),
          forecast.getMetadata().getName(), e.getMessage());
      ProblemException failure = new ProblemException(Reasons.FIT_FAILED, "model fit on "
          + history.size() + " windows failed: " + oneLine(e));
      training.failed(uid, generation, now, failure.problem());
      throw failure;
    }
  }

  /** Act and publish: status, action seam, gauges and a Warning Event for a new problem. */
  private CountForecastStatus publish(CountForecast forecast, ForecastPlan plan,
      Observations seen, Instant now) {
    CountForecastStatus previous = forecast.getStatus();
    CountForecastStatus next = aggregator.aggregate(previous, seen);
    aggregator.applyAction(next, previous, action.act(forecast, plan, next), seen);
    metrics.update(forecast.getMetadata().getNamespace(), forecast.getMetadata().getName(), next);
    metrics.updateLeadTime(forecast.getMetadata().getNamespace(),
        forecast.getMetadata().getName(), next, plan, now);
    if (seen.problem() != null && !alreadyReported(previous, seen.problem())) {
      events.warn(forecast, seen.problem(), now);
    }
    return next;
  }

  @Override
  public ErrorStatusUpdateControl<CountForecast> updateErrorStatus(CountForecast forecast,
      Context<CountForecast> context, Exception e) {
    Instant now = clock.instant();
    if (isConflict(e)) {
      // Someone else wrote the object first (often its deletion racing our status patch): not a
      // problem to report; the next reconcile sees the new version.
      LOG.debug("CountForecast {}/{}: write conflict, reconciling again: {}",
          forecast.getMetadata().getNamespace(), forecast.getMetadata().getName(), oneLine(e));
      return ErrorStatusUpdateControl.<CountForecast>noStatusUpdate().withNoRetry()
          .rescheduleAfter(CONFLICT_RETRY);
    }
    LOG.warn("reconcile of CountForecast {}/{} failed: {}", forecast.getMetadata().getNamespace(),
        forecast.getMetadata().getName(), oneLine(e));
    Problem problem = new Problem(Reasons.RECONCILE_ERROR, oneLine(e));
    ForecastPlan plan = planOrNull(forecast);
    ErrorStatusUpdateControl<CountForecast> control;
    try {
      CountForecastStatus next = publish(forecast, plan,
          observations(forecast, plan, now, null, null, problem, null, null, null), now);
      control = sameStatus(forecast, next) ? ErrorStatusUpdateControl.noStatusUpdate()
          : ErrorStatusUpdateControl.patchStatus(withStatus(forecast, next));
    } catch (RuntimeException | Error failure) {
      // Even publishing failed: keep the schedule; the next reconcile reports again.
      LOG.warn("CountForecast {}/{}: cannot publish the error: {}",
          forecast.getMetadata().getNamespace(), forecast.getMetadata().getName(),
          oneLine(ReconcileBoundary.recoverable(failure)));
      control = ErrorStatusUpdateControl.noStatusUpdate();
    }
    // Keep the collection schedule instead of JOSDK's retry backoff, which gives up for good.
    return control.withNoRetry().rescheduleAfter(plan == null ? ERROR_RETRY
        : nextTick(forecast, plan, null, now));
  }

  /** An HTTP 409 from the API server, directly or as the cause. */
  private static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 409) {
        return true;
      }
    }
    return false;
  }

  @Override
  public DeleteControl cleanup(CountForecast forecast, Context<CountForecast> context) {
    // First: a failure throws, so the finalizer stays and JOSDK retries the cleanup; a floor
    // is never left raised with nobody owning it.
    action.release(forecast);
    forget(forecast);
    return DeleteControl.defaultDelete();
  }

  /**
   * Drops what this process remembers of {@code forecast} (collector, training record, gauges,
   * the action's memory), touching nothing in the cluster: after a deletion's cleanup, or when
   * it left this shard and another shard carries on from its ConfigMap history and HPA records.
   */
  void forget(CountForecast forecast) {
    String uid = forecast.getMetadata().getUid();
    collectors.remove(uid);
    targets.release(uid);
    training.remove(uid);
    archives.remove(uid);
    action.forget(uid);
    metrics.remove(forecast.getMetadata().getNamespace(), forecast.getMetadata().getName());
  }

  private static ForecastPlan planOrNull(CountForecast forecast) {
    try {
      return ForecastPlan.of(forecast.getSpec());
    } catch (ProblemException e) {
      return null;
    }
  }

  /** The last window of {@code history} (windows are stored by start), or null if empty. */
  private static WindowSample latestWindow(SeriesArrays history, ForecastPlan plan) {
    int last = history.size() - 1;
    if (last < 0) {
      return null;
    }
    long start = history.epochSeconds()[last];
    return new WindowSample(start, start + plan.windows().windowSeconds(),
        Math.round(history.counts()[last]), history.exposure()[last]);
  }

  /** What this reconcile saw; without a plan (invalid spec) the signal kind shown is kept. */
  private static Observations observations(CountForecast forecast, ForecastPlan plan, Instant now,
      Integer samples, WindowSample latest, Problem problem, TrainedForecast trained,
      SignalCollectors.SloCounts slo, ArchiveView archive) {
    String signalKind = plan != null ? plan.signal().kind()
        : forecast.getStatus() == null ? null : forecast.getStatus().getSignalKind();
    return new Observations(generation(forecast), now, signalKind, samples, latest,
        plan == null ? 0 : plan.model().minSamples(), plan == null ? null : plan.surgeProbability(),
        problem, trained, errorBudget(forecast, plan, slo, trained), archive);
  }

  /**
   * The next status.errorBudget (see {@link ErrorBudgets}); with an invalid spec the current one
   * is kept, as the forecast is.
   */
  private static ErrorBudgetStatus errorBudget(CountForecast forecast, ForecastPlan plan,
      SignalCollectors.SloCounts slo, TrainedForecast trained) {
    ErrorBudgetStatus previous = forecast.getStatus() == null ? null
        : forecast.getStatus().getErrorBudget();
    return plan == null ? previous : ErrorBudgets.next(previous, plan.slo(), slo, trained);
  }

  /** True when the Ready condition already reports this problem, so no new Event is needed. */
  private static boolean alreadyReported(CountForecastStatus previous, Problem problem) {
    if (previous == null || previous.getConditions() == null) {
      return false;
    }
    for (Condition c : previous.getConditions()) {
      if (ConditionType.READY.equals(c.getType())) {
        return "False".equals(c.getStatus()) && problem.reason().equals(c.getReason());
      }
    }
    return false;
  }

  private static boolean sameStatus(CountForecast forecast, CountForecastStatus next) {
    return forecast.getStatus() != null && StatusAggregator.same(forecast.getStatus(), next);
  }

  private static CountForecast withStatus(CountForecast forecast, CountForecastStatus status) {
    forecast.setStatus(status);
    return forecast;
  }

  private static long generation(CountForecast forecast) {
    Long generation = forecast.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  /** The exception's message on one line, or its type when it has none. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName()
        : message.replace('\n', ' ').strip();
  }
}
