package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionType;
import io.countcast.api.HeadroomSpec;
import io.countcast.api.CountForecastSpec;
import io.countcast.api.FamilyChoice;
import io.countcast.api.ModelSpec;
import io.countcast.api.PrometheusSignal;
import io.countcast.api.Seasonality;
import io.countcast.api.SignalSpec;
import io.countcast.api.SloSpec;
import io.countcast.api.SpecLimits;
import io.countcast.api.SurgeSpec;
import io.countcast.api.TargetKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForecastPlanTest {

  @Test
  void defaultsGiveSevenDaysOfFiveMinuteWindowsAndAnHourOfHorizon() {
    ForecastPlan plan = ForecastPlan.of(TestSpecs.minimal());

    assertThat(plan.windows().window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(plan.windows().historyWindows()).isEqualTo(2016);
    assertThat(plan.windows().horizonWindows()).isEqualTo(12);
    assertThat(plan.model().trainEvery()).isEqualTo(Duration.ofMinutes(15));
    assertThat(plan.model().minSamples()).isEqualTo(48);
    assertThat(plan.model().family()).isEqualTo(FamilyChoice.AUTO);
    assertThat(plan.model().seasonality()).containsExactly(Seasonality.DAILY);
    assertThat(plan.model().trend()).isFalse();
    assertThat(plan.surge()).isNull();
    assertThat(plan.surgeProbability()).isNull();
    assertThat(plan.action()).isEqualTo(new ForecastPlan.ActionPlan(ActionType.NONE, null, 1,
        Duration.ofMinutes(10), Duration.ofMinutes(30), false, null, null));
    assertThat(plan.target()).isEqualTo(new ForecastPlan.TargetPlan(TargetKind.DEPLOYMENT, "web"));
    assertThat(plan.signal().isPrometheus()).isFalse();
    assertThat(plan.signal().kind()).isEqualTo("podRestarts");
  }

  @Test
  void nullFieldsGetTheSameDefaultsAsTheSchemaFillsIn() {
    CountForecastSpec spec = TestSpecs.minimal();
    spec.setWindow(null);
    spec.setHistory(null);
    spec.setHorizon(null);
    spec.setTrainEvery(null);
    spec.setMinSamples(null);
    spec.setModel(null);
    spec.setAction(null);
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(3);
    surge.setProbability(null);
    spec.setSurge(surge);

    ForecastPlan plan = ForecastPlan.of(spec);
    ForecastPlan defaults = ForecastPlan.of(with(s -> s.getSurge().setThreshold(3)));
    assertThat(plan).isEqualTo(defaults);
    assertThat(plan.model().minSamples()).isEqualTo(SpecLimits.DEFAULT_MIN_SAMPLES);
    assertThat(plan.surge().probability()).isEqualTo(0.8);
  }

  @Test
  void aHorizonThatIsNotAWholeNumberOfWindowsIsRoundedUp() {
    ForecastPlan plan = ForecastPlan.of(with(s -> {
      s.setHorizon("7m");
      s.getSurge().setThreshold(10);
    }));
    assertThat(plan.windows().horizonWindows()).isEqualTo(2);
    assertThat(plan.surge().threshold()).isEqualTo(10);
    assertThat(plan.surgeProbability()).isEqualTo(0.8);
  }

  @Test
  void aPrometheusSignalIsCarriedWithItsDefaults() {
    CountForecastSpec spec = TestSpecs.minimal();
    PrometheusSignal prometheus = new PrometheusSignal();
    prometheus.setQuery("sum(increase(errors_total[$window]))");
    prometheus.setTimeout(null);
    SignalSpec signal = new SignalSpec();
    signal.setPrometheus(prometheus);
    spec.setSignal(signal);

    ForecastPlan.PrometheusPlan plan = ForecastPlan.of(spec).signal().prometheus();
    assertThat(plan.url()).isNull();
    assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(plan.insecureSkipVerify()).isFalse();
    assertThat(ForecastPlan.of(spec).signal().kind()).isEqualTo("prometheus");
  }

  @Test
  void seasonalityRepeatsCollapse() {
    ForecastPlan plan = ForecastPlan.of(with(s -> s.getModel().setSeasonality(
        Arrays.asList(Seasonality.WEEKLY, null, Seasonality.WEEKLY, Seasonality.DAILY))));
    assertThat(plan.model().seasonality()).containsExactly(Seasonality.WEEKLY, Seasonality.DAILY);
  }

  @Test
  void theF4HorizonIsRefusedBeforeAnythingIsSized() {
    assertInvalid(s -> {
      s.setWindow("1s");
      s.setHistory("1h");
      s.setHorizon("3000w");
      s.setMinSamples(2);
    }, "spec.horizon: 3000w at window 1s is 1,814,400,000 windows (limit 2,016)");
  }

  @Test
  void aHorizonThatWouldWrapAnIntIsRefusedNotWrapped() {
    assertInvalid(s -> {
      s.setWindow("1s");
      s.setHistory("1h");
      s.setHorizon("7102w");
      s.setMinSamples(2);
    }, "spec.horizon: 7102w at window 1s is 4,295,289,600 windows (limit 2,016)");
  }

  @Test
  void aHorizonOfTheLargestDurationIsRefused() {
    assertInvalid(s -> {
      s.setWindow("1s");
      s.setHistory("1h");
      s.setHorizon("15250284452471w");
      s.setMinSamples(2);
    }, "spec.horizon: 15250284452471w at window 1s is 9,223,372,036,854,460,800 windows "
        + "(limit 2,016)");
  }

  @Test
  void aDurationBeyondALongIsRefusedAsTooLarge() {
    assertInvalid(s -> s.setHorizon("99999999999999999999w"),
        "spec.horizon: invalid duration '99999999999999999999w': too large");
  }

  @Test
  void aHorizonOfExactlyTheLimitIsAccepted() {
    ForecastPlan plan = ForecastPlan.of(with(s -> s.setHorizon("7d")));
    assertThat(plan.windows().horizonWindows()).isEqualTo(SpecLimits.MAX_HORIZON_WINDOWS);
    assertInvalid(s -> s.setHorizon("7d1s"),
        "spec.horizon: 7d1s at window 5m is 2,017 windows (limit 2,016)");
  }

  @Test
  void historyBeyondTheLimitNamesTheField() {
    assertInvalid(s -> {
      s.setWindow("1s");
      s.setHistory("1d");
    }, "spec.history: 1d at window 1s is 86,400 windows (limit 16,384)");
    ForecastPlan plan = ForecastPlan.of(with(s -> {
      s.setWindow("1m");
      s.setHistory("16384m");
    }));
    assertThat(plan.windows().historyWindows()).isEqualTo(SpecLimits.MAX_HISTORY_WINDOWS);
  }

  @Test
  void historyShorterThanAWindowNamesTheField() {
    assertInvalid(s -> {
      s.setWindow("1h");
      s.setHistory("30m");
      s.setHorizon("1h");
    }, "spec.history: 30m is shorter than one window of 1h");
  }

  @Test
  void minSamplesAboveWhatTheHistoryKeepsIsInvalidSpec() {
    assertInvalid(s -> {
      s.setHistory("1h");
      s.setMinSamples(48);
    }, "spec.minSamples: 48 is more than the 12 windows spec.history keeps; lower minSamples "
        + "or lengthen history");
  }

  @Test
  void minSamplesBelowTwoIsInvalid() {
    assertInvalid(s -> s.setMinSamples(1), "spec.minSamples: 1 is below the least 2");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "window     | 2d  | spec.window: 2d is longer than 1d",
      "trainEvery | 8d  | spec.trainEvery: 8d is longer than 1w",
      "leadTime   | 1w1s | spec.action.leadTime: 1w1s is longer than 1w",
      "cooldown   | 2w  | spec.action.cooldown: 2w is longer than 1w",
      "timeout    | 6m  | spec.signal.prometheus.timeout: 6m is longer than 5m",
      "window     | 0s  | spec.window: invalid duration '0s': duration must be greater than zero",
      "trainEvery | 5x  | spec.trainEvery: invalid duration '5x': expected whole numbers with "
          + "units w, d, h, m, s, largest first (e.g. 5m, 1h30m, 7d)",
  })
  void everyDurationIsBoundedAndNamed(String field, String value, String message) {
    assertInvalid(s -> {
      switch (field) {
        case "window" -> s.setWindow(value);
        case "trainEvery" -> s.setTrainEvery(value);
        case "leadTime" -> s.getAction().setLeadTime(value);
        case "cooldown" -> s.getAction().setCooldown(value);
        case "timeout" -> {
          PrometheusSignal prometheus = new PrometheusSignal();
          prometheus.setQuery("up");
          prometheus.setTimeout(value);
          s.getSignal().setPodRestarts(null);
          s.getSignal().setPrometheus(prometheus);
        }
        default -> throw new IllegalArgumentException(field);
      }
    }, message);
  }

  @Test
  void integerFieldsAreBoundedInCode() {
    assertInvalid(s -> s.getSurge().setThreshold(-1),
        "spec.surge.threshold: -1 is outside 0..1,000,000,000");
    assertInvalid(s -> s.getSurge().setThreshold(Integer.MAX_VALUE),
        "spec.surge.threshold: 2,147,483,647 is outside 0..1,000,000,000");
    assertInvalid(s -> scaleHpa(s, 0), "spec.action.surgeMinReplicas: 0 is outside 1..100,000");
    assertInvalid(s -> scaleHpa(s, 100_001),
        "spec.action.surgeMinReplicas: 100,001 is outside 1..100,000");
    assertInvalid(s -> s.getSurge().setProbability(1.0),
        "spec.surge.probability: 1.0 must be strictly between 0 and 1");
    assertInvalid(s -> s.getSurge().setProbability(Double.NaN),
        "spec.surge.probability: NaN must be strictly between 0 and 1");
    assertThat(ForecastPlan.of(with(s -> scaleHpa(s, 100_000))).action().surgeMinReplicas())
        .isEqualTo(100_000);
  }

  @Test
  void crossFieldRulesOfTheSchemaAreCheckedAgain() {
    assertInvalid(s -> {
      s.setSurge(null);
      s.getAction().setType(ActionType.ANNOTATE);
    }, "spec.surge must be set when spec.action.type is Annotate");
    assertInvalid(s -> s.getAction().setType(ActionType.SCALE_HPA),
        "spec.action.surgeMinReplicas or spec.action.surgeTargetUtilization is required when "
            + "spec.action.type is ScaleHPA");
    assertInvalid(s -> s.getSignal().setPrometheus(new PrometheusSignal()),
        "spec.signal: set exactly one of signal.podRestarts or signal.prometheus");
    assertInvalid(s -> s.setTargetRef(null), "spec.targetRef is required");
    assertInvalid(s -> s.getSurge().setThreshold(null), "spec.surge.threshold is required");
  }

  @Test
  void headroomIsPlannedWithExactlyOnePlaceholderAndOneSize() {
    ForecastPlan plan = ForecastPlan.of(with(s -> headroom(s, "countcast-headroom", null, 5,
        null)));
    assertThat(plan.action().type()).isEqualTo(ActionType.HEADROOM);
    assertThat(plan.action().headroom()).isEqualTo(
        new ForecastPlan.HeadroomPlan("countcast-headroom", null, 5, null));
    assertThat(ForecastPlan.of(with(s -> headroom(s, null, "buffer", null, 0.25))).action()
        .headroom()).isEqualTo(new ForecastPlan.HeadroomPlan(null, "buffer", null, 0.25));

    assertInvalid(s -> s.getAction().setType(ActionType.HEADROOM),
        "spec.action.headroom is required when spec.action.type is Headroom");
    assertInvalid(s -> headroom(s, "d", "b", 5, null),
        "spec.action.headroom: set exactly one of deploymentName or capacityBufferName");
    assertInvalid(s -> headroom(s, null, null, 5, null),
        "spec.action.headroom: set exactly one of deploymentName or capacityBufferName");
    assertInvalid(s -> headroom(s, "d", null, 5, 1.0),
        "spec.action.headroom: set exactly one of replicas or replicasFromForecast");
    assertInvalid(s -> headroom(s, "d", null, 10_001, null),
        "spec.action.headroom.replicas: 10,001 is outside 1..10,000");
    assertInvalid(s -> headroom(s, "d", null, null, 0.0),
        "spec.action.headroom.replicasFromForecast.podsPerUnit: 0.0 must be above 0 and at "
            + "most 1000");
    assertInvalid(s -> headroom(s, "d", null, null, Double.NaN),
        "spec.action.headroom.replicasFromForecast.podsPerUnit: NaN must be above 0 and at "
            + "most 1000");
  }

  @Test
  void scaleHpaTakesAFloorATargetUtilizationOrBoth() {
    ForecastPlan targetOnly = ForecastPlan.of(with(s -> {
      s.getAction().setType(ActionType.SCALE_HPA);
      s.getAction().setSurgeTargetUtilization(50);
    }));
    assertThat(targetOnly.action().surgeMinReplicas()).isNull();
    assertThat(targetOnly.action().surgeTargetUtilization()).isEqualTo(50);
    ForecastPlan both = ForecastPlan.of(with(s -> {
      scaleHpa(s, 4);
      s.getAction().setSurgeTargetUtilization(50);
    }));
    assertThat(both.action().surgeMinReplicas()).isEqualTo(4);
    assertThat(both.action().surgeTargetUtilization()).isEqualTo(50);
    assertInvalid(s -> {
      scaleHpa(s, 4);
      s.getAction().setSurgeTargetUtilization(1001);
    }, "spec.action.surgeTargetUtilization: 1,001 is outside 1..1,000");
  }

  private static void headroom(CountForecastSpec spec, String deployment, String buffer,
      Integer replicas, Double podsPerUnit) {
    spec.getAction().setType(ActionType.HEADROOM);
    HeadroomSpec headroom = new HeadroomSpec();
    headroom.setDeploymentName(deployment);
    headroom.setCapacityBufferName(buffer);
    headroom.setReplicas(replicas);
    if (podsPerUnit != null) {
      HeadroomSpec.ReplicasFromForecast derived = new HeadroomSpec.ReplicasFromForecast();
      derived.setPodsPerUnit(podsPerUnit);
      headroom.setReplicasFromForecast(derived);
    }
    spec.getAction().setHeadroom(headroom);
  }

  @Test
  void anUnreadableStoredSpecIsInvalidWithItsReason() {
    assertThatThrownBy(() -> ForecastPlan.of(CountForecastSpec.unreadable(
        "spec.minSamples: cannot be read: 3000000000 is not a valid Integer")))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(
            new Problem(Reasons.INVALID_SPEC,
                "spec.minSamples: cannot be read: 3000000000 is not a valid Integer")));
    assertThatThrownBy(() -> ForecastPlan.of(null)).hasMessage("spec is required");
  }

  @Test
  void aPlanDoesNotShareMutableStateWithTheSpec() {
    CountForecastSpec spec = with(s -> s.getModel().setSeasonality(
        new java.util.ArrayList<>(List.of(Seasonality.DAILY))));
    ForecastPlan plan = ForecastPlan.of(spec);
    spec.getModel().getSeasonality().add(Seasonality.WEEKLY);
    assertThat(plan.model().seasonality()).containsExactly(Seasonality.DAILY);
  }

  @Test
  void anSloBecomesAFractionAndAPeriod() {
    ForecastPlan plan = ForecastPlan.of(with(s -> slo(s, "99.9", "30d", true)));
    assertThat(plan.slo().objectiveText()).isEqualTo("99.9");
    assertThat(plan.slo().objective()).isEqualTo(0.999);
    assertThat(plan.slo().errorShare()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(plan.slo().period()).isEqualTo(Duration.ofDays(30));
    assertThat(plan.slo().periodText()).isEqualTo("30d");
    assertThat(ForecastPlan.of(with(s -> slo(s, "100", "1h", true))).slo().errorShare())
        .isZero();
    assertThat(ForecastPlan.of(with(s -> slo(s, "0.000001", "90d", true))).slo().objective())
        .isEqualTo(1e-8);
    assertThat(ForecastPlan.of(with(s -> { })).slo()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0        | 30d | spec.slo.objective: 0 must be more than 0 and at most 100",
      "100.01   | 30d | spec.slo.objective: 100.01 must be more than 0 and at most 100",
      "99.9%    | 30d | spec.slo.objective: '99.9%' is not a percentage such as 99.9 (digits, at "
          + "most 6 decimals)",
      "1e2      | 30d | spec.slo.objective: '1e2' is not a percentage such as 99.9 (digits, at "
          + "most 6 decimals)",
      "99.9     | 59m | spec.slo.period: 59m is outside 1h to 90d",
      "99.9     | 91d | spec.slo.period: 91d is outside 1h to 90d",
      "99.9     | 3x  | spec.slo.period: invalid duration '3x': expected whole numbers with "
          + "units w, d, h, m, s, largest first (e.g. 5m, 1h30m, 7d)",
  })
  void aBadSloIsInvalidNamingTheField(String objective, String period, String message) {
    assertInvalid(s -> slo(s, objective, period, true), message);
  }

  @Test
  void anSloWithoutACountOfRequestsIsInvalid() {
    String message = "spec.slo needs signal.prometheus.exposureQuery counting the requests the "
        + "errors belong to (the podRestarts signal's exposure is pod-seconds, not requests)";
    assertInvalid(s -> slo(s, "99.9", "30d", false), message);
    assertInvalid(s -> {
      SloSpec slo = new SloSpec();
      slo.setObjective("99.9");
      slo.setPeriod("30d");
      s.setSlo(slo);
    }, message);
  }

  /** Sets spec.slo on a Prometheus signal, with an exposure query if {@code requests}. */
  private static void slo(CountForecastSpec spec, String objective, String period,
      boolean requests) {
    PrometheusSignal prometheus = new PrometheusSignal();
    prometheus.setQuery("sum(increase(errors_total[$window]))");
    if (requests) {
      prometheus.setExposureQuery("sum(increase(requests_total[$window]))");
    }
    SignalSpec signal = new SignalSpec();
    signal.setPrometheus(prometheus);
    spec.setSignal(signal);
    SloSpec slo = new SloSpec();
    slo.setObjective(objective);
    slo.setPeriod(period);
    spec.setSlo(slo);
  }

  private static void scaleHpa(CountForecastSpec spec, int floor) {
    spec.getAction().setType(ActionType.SCALE_HPA);
    spec.getAction().setSurgeMinReplicas(floor);
  }

  /** A minimal spec with a surge (threshold 5), changed by {@code edit}. */
  private static CountForecastSpec with(Consumer<CountForecastSpec> edit) {
    CountForecastSpec spec = TestSpecs.minimal();
    SurgeSpec surge = new SurgeSpec();
    surge.setThreshold(5);
    spec.setSurge(surge);
    spec.setModel(new ModelSpec());
    spec.setAction(new ActionSpec());
    edit.accept(spec);
    return spec;
  }

  private static void assertInvalid(Consumer<CountForecastSpec> edit, String message) {
    assertThatThrownBy(() -> ForecastPlan.of(with(edit)))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().reason()).isEqualTo(Reasons.INVALID_SPEC);
          assertThat(e.problem().message()).isEqualTo(message);
        });
  }
}
