package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.api.ActionState;
import io.countcast.api.ActionStatus;
import io.countcast.api.ConditionType;
import io.countcast.api.CountForecastStatus;
import io.countcast.api.ForecastWindow;
import io.countcast.api.ModelStatus;
import io.countcast.signal.WindowSample;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.400Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);

  private final StatusAggregator aggregator = new StatusAggregator();

  @Test
  void tooLittleHistoryIsInsufficientHistoryWithTheCountSoFar() {
    CountForecastStatus status = aggregator.aggregate(null, seen(3, T0, 12, null, null));

    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getSamples()).isEqualTo(12);
    assertThat(condition(status, ConditionType.TRAINED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", "InsufficientHistory", "12 of 48 windows collected");
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("InsufficientHistory");
    assertThat(condition(status, ConditionType.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.SURGE_FORECAST).getStatus()).isEqualTo("Unknown");
    assertThat(status.getConditions()).allSatisfy(c -> {
      assertThat(c.getObservedGeneration()).isEqualTo(3);
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
    });
    assertThat(status.getModel()).isNull();
    assertThat(status.getStale()).isNull();
  }

  @Test
  void lastTransitionTimeIsKeptWhileTheStatusDoesNotFlip() {
    CountForecastStatus first = aggregator.aggregate(null, seen(1, T0, 12, null, null));
    CountForecastStatus second = aggregator.aggregate(first, seen(1, T1, 13, null, null));

    assertThat(condition(second, ConditionType.TRAINED).getLastTransitionTime())
        .isEqualTo("2026-11-26T10:00:00Z");
    assertThat(condition(second, ConditionType.TRAINED).getMessage())
        .isEqualTo("13 of 48 windows collected");

    CountForecastStatus trained = aggregator.aggregate(second, seen(1, T2, 48, null, forecast(0.9)));
    assertThat(condition(trained, ConditionType.TRAINED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getLastTransitionTime)
        .containsExactly("True", "ModelFitted", "2026-11-26T10:02:00Z");
    assertThat(condition(trained, ConditionType.READY))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "ForecastPublished");
    assertThat(condition(trained, ConditionType.DEGRADED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getLastTransitionTime)
        .containsExactly("False", "Healthy", "2026-11-26T10:02:00Z");
  }

  @Test
  void aTrainingPublishesModelForecastAndSurge() {
    CountForecastStatus status = aggregator.aggregate(null, seen(2, T0, 60, null, forecast(0.85)));

    assertThat(status.getModel().getFamily()).isEqualTo("nb2");
    assertThat(status.getForecast()).hasSize(2);
    assertThat(status.getExpectedNext()).isEqualTo(2.5);
    assertThat(status.getUpperNext()).isEqualTo(6);
    assertThat(status.getSurgeProbability()).isEqualTo(0.85);
    assertThat(status.getLastTrainedTime()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(status.getStale()).isFalse();
    assertThat(condition(status, ConditionType.SURGE_FORECAST))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "SurgeLikely");
    assertThat(condition(status, ConditionType.TRAINED).getMessage())
        .isEqualTo("nb2 model fitted on 60 windows at 2026-11-26T10:00:00Z");
  }

  @Test
  void aGammaPoissonForecastOfAQuietHistoryIsTrained() {
    TrainedForecast quiet = forecast(null);
    quiet.model().setFamily("poisson");
    quiet.model().setTheta(null);
    quiet.model().setMethod("gamma-poisson");

    CountForecastStatus status = aggregator.aggregate(null, seen(2, T0, 60, null, quiet));

    assertThat(condition(status, ConditionType.TRAINED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "ModelFitted",
            "gamma-poisson model fitted on 60 windows at 2026-11-26T10:00:00Z");
    assertThat(status.getModel().getMethod()).isEqualTo("gamma-poisson");
  }

  @Test
  void theNextWindowFollowsTheClockUntilTheForecastRunsOut() {
    CountForecastStatus trained = aggregator.aggregate(null,
        seen(1, Instant.parse("2026-11-26T10:04:00Z"), 60, null, forecast(0.3)));
    CountForecastStatus later = aggregator.aggregate(trained,
        seen(1, Instant.parse("2026-11-26T10:07:30Z"), 61, null, null));
    CountForecastStatus expired = aggregator.aggregate(later,
        seen(1, Instant.parse("2026-11-26T10:10:00Z"), 62, null, null));

    assertThat(trained.getExpectedNext()).isEqualTo(2.5);
    assertThat(later.getExpectedNext()).isEqualTo(3.0);
    assertThat(trained.getLowerNext()).isZero();
    assertThat(later.getLowerNext()).isEqualTo(1);
    assertThat(later.getUpperNext()).isEqualTo(7);
    assertThat(expired.getExpectedNext()).isNull();
    assertThat(expired.getLowerNext()).isNull();
    assertThat(expired.getUpperNext()).isNull();
    assertThat(expired.getForecast()).hasSize(2);
  }

  @Test
  void theLatestClosedWindowIsTheLastCountAndIsKeptWhileTheHistoryCannotBeRead() {
    WindowSample latest = new WindowSample(1_795_687_140L, 1_795_687_200L, 7, 180.0);
    CountForecastStatus observed = aggregator.aggregate(null, seen(1, T0, 12, latest, null, null));
    Problem down = new Problem("HistoryCorrupt", "ConfigMap ns/web-countcast-history: bad");
    CountForecastStatus unreadable = aggregator.aggregate(observed,
        seen(1, T1, null, null, down, null));
    CountForecastStatus emptied = aggregator.aggregate(unreadable,
        seen(1, T2, 0, null, null, null));

    assertThat(observed.getLastCount()).isEqualTo(7);
    assertThat(observed.getLastWindowEnd()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(unreadable.getLastCount()).isEqualTo(7);
    assertThat(unreadable.getLastWindowEnd()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(emptied.getLastCount()).isNull();
    assertThat(emptied.getLastWindowEnd()).isNull();
  }

  @Test
  void surgeBelowTheProbabilityIsNoSurgeExpected() {
    CountForecastStatus status = aggregator.aggregate(null, seen(2, T0, 60, null, forecast(0.2)));

    assertThat(condition(status, ConditionType.SURGE_FORECAST))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "NoSurgeExpected");
  }

  @Test
  void withoutSurgeSpecTheSurgeConditionSaysSo() {
    Observations seen = new Observations(1, T0, "podRestarts", 60, null, 48, null, null,
        forecast(null));
    CountForecastStatus status = aggregator.aggregate(null, seen);

    assertThat(condition(status, ConditionType.SURGE_FORECAST).getReason())
        .isEqualTo("SurgeNotConfigured");
  }

  @Test
  void aProblemMakesReadyFalseAndKeepsTheLastForecastAsStale() {
    CountForecastStatus trained = aggregator.aggregate(null, seen(1, T0, 60, null, forecast(0.1)));
    Problem gone = new Problem("TargetNotFound", "spec.targetRef: Deployment ns/web does not exist");
    CountForecastStatus status = aggregator.aggregate(trained, seen(1, T1, null, gone, null));

    assertThat(condition(status, ConditionType.READY))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage,
            Condition::getLastTransitionTime)
        .containsExactly("False", "TargetNotFound", gone.message() + "; the last good forecast "
            + "(from 2026-11-26T10:00:00Z, 1 min old) is kept and marked stale",
            "2026-11-26T10:01:00Z");
    assertThat(condition(status, ConditionType.DEGRADED))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "TargetNotFound");
    assertThat(condition(status, ConditionType.DEGRADED).getMessage())
        .isEqualTo(condition(status, ConditionType.READY).getMessage());
    assertThat(status.getLastForecastTime()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(condition(status, ConditionType.TRAINED).getStatus()).isEqualTo("True");
    assertThat(status.getSamples()).isEqualTo(60);
    assertThat(status.getForecast()).hasSize(2);
    assertThat(status.getStale()).isTrue();
  }

  @Test
  void recoveryClearsDegradedAndStaleAndKeepsTheForecastTime() {
    CountForecastStatus trained = aggregator.aggregate(null, seen(1, T0, 60, null, forecast(0.1)));
    Problem down = new Problem("PrometheusUnavailable", "Prometheus at http://p:9090 failed");
    CountForecastStatus degraded = aggregator.aggregate(trained, seen(1, T1, 60, down, null));
    CountForecastStatus recovered = aggregator.aggregate(degraded, seen(1, T2, 61, null, null));

    assertThat(degraded.getStale()).isTrue();
    assertThat(recovered.getStale()).isFalse();
    assertThat(condition(recovered, ConditionType.DEGRADED))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Healthy");
    assertThat(condition(recovered, ConditionType.READY).getStatus()).isEqualTo("True");
    assertThat(recovered.getLastForecastTime()).isEqualTo(trained.getLastForecastTime());
  }

  @Test
  void aFailedFitIsTrainedFalseAndReadyFalse() {
    Problem failed = new Problem("FitFailed", "model fit on 50 windows failed: singular design");
    CountForecastStatus status = aggregator.aggregate(null, seen(1, T0, 50, failed, null));

    assertThat(condition(status, ConditionType.TRAINED))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "FitFailed");
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("FitFailed");
  }

  @Test
  void theSameObservationsTwiceGiveTheSameStatusSoNoPatchIsNeeded() {
    CountForecastStatus first = aggregator.aggregate(null, seen(1, T0, 60, null, forecast(0.3)));
    CountForecastStatus again = aggregator.aggregate(first, seen(1, T1, 60, null, null));

    assertThat(StatusAggregator.same(first, again)).isTrue();
    assertThat(StatusAggregator.same(first,
        aggregator.aggregate(first, seen(2, T1, 60, null, null)))).isFalse();
  }

  @Test
  void thePreviousStatusIsNotModified() {
    CountForecastStatus first = aggregator.aggregate(null, seen(1, T0, 12, null, null));
    aggregator.aggregate(first, seen(2, T1, 60, null, forecast(0.3)));

    assertThat(first.getObservedGeneration()).isEqualTo(1);
    assertThat(first.getModel()).isNull();
  }

  @Test
  void aFailedActionIsActionReadyFalseWithItsReasonAndRecoveryFlipsItBack() {
    CountForecastStatus first = aggregator.aggregate(null, seen(1, T0, 48, null, forecast(0.9)));
    ActionStatus held = new ActionStatus();
    held.setState(ActionState.IDLE);
    held.setReason("cannot write HPA web: forbidden");
    aggregator.applyAction(first, null, new ActionOutcome(held,
        new Problem(Reasons.FORBIDDEN, "cannot write HPA web: forbidden")), seen(1, T0, 48, null,
        null));

    assertThat(first.getAction()).isSameAs(held);
    assertThat(condition(first, ConditionType.ACTION_READY))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage,
            Condition::getLastTransitionTime)
        .containsExactly("False", "Forbidden", "cannot write HPA web: forbidden",
            "2026-11-26T10:00:00Z");
    assertThat(condition(first, ConditionType.READY).getStatus()).isEqualTo("True");

    CountForecastStatus second = aggregator.aggregate(first, seen(1, T1, 49, null, null));
    ActionStatus raised = new ActionStatus();
    raised.setState(ActionState.RAISED);
    raised.setReason("raised minReplicas 1 to 3");
    aggregator.applyAction(second, first, ActionOutcome.ok(raised), seen(1, T1, 49, null, null));

    assertThat(second.getConditions()).filteredOn(c -> ConditionType.ACTION_READY.equals(
        c.getType())).singleElement()
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage,
            Condition::getLastTransitionTime)
        .containsExactly("True", "ActionApplied", "raised minReplicas 1 to 3",
            "2026-11-26T10:01:00Z");
  }

  private static Observations seen(long generation, Instant now, Integer samples, Problem problem,
      TrainedForecast trained) {
    return seen(generation, now, samples, null, problem, trained);
  }

  private static Observations seen(long generation, Instant now, Integer samples,
      WindowSample latest, Problem problem, TrainedForecast trained) {
    return new Observations(generation, now, "podRestarts", samples, latest, 48, 0.8, problem,
        trained);
  }

  private static TrainedForecast forecast(Double surge) {
    ModelStatus model = new ModelStatus();
    model.setFamily("nb2");
    model.setTheta(1.5);
    return new TrainedForecast(model,
        List.of(window("2026-11-26T10:00:00Z", 2.5, 0, 6, surge),
            window("2026-11-26T10:05:00Z", 3.0, 1, 7, surge)),
        surge, null, 60);
  }

  private static ForecastWindow window(String start, double expected, int lower, int upper,
      Double exceed) {
    ForecastWindow w = new ForecastWindow();
    w.setStart(start);
    w.setEnd(Instant.parse(start).plusSeconds(300).toString());
    w.setExpected(expected);
    w.setLower(lower);
    w.setUpper(upper);
    w.setExceedProbability(exceed);
    return w;
  }

  private static Condition condition(CountForecastStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow();
  }
}
