package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.countcast.api.CountForecastSpec;
import io.countcast.api.ErrorBudgetStatus;
import io.countcast.api.PrometheusSignal;
import io.countcast.api.Seasonality;
import io.countcast.api.SignalSpec;
import io.countcast.api.SloSpec;
import io.countcast.series.ErrorBudget;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.prometheus.LocalPrometheus;
import io.countcast.signal.prometheus.PeriodTotalsSource;
import io.countcast.signal.prometheus.PrometheusClient;
import io.countcast.signal.prometheus.PrometheusClientSettings;
import io.countcast.signal.prometheus.PrometheusSignalSource;
import io.countcast.signal.prometheus.PrometheusSignalSpec;
import io.countcast.signal.prometheus.QueryScope;
import io.countcast.signal.prometheus.SignalWindowing;
import io.countcast.signal.prometheus.WindowSample;
import io.countcast.signal.prometheus.testdata.CounterSeries;
import io.countcast.signal.prometheus.testdata.HttpTrafficGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error budget against a real Prometheus backfilled (promtool) with two weeks of generated
 * HTTP traffic of two namespaces with the same traffic, except that {@code burst} has an error
 * burst injected into its last 30 minutes. The objective leaves {@code steady} a tenth of its
 * budget; the burst leaves {@code burst} half a percent of it. The SLO period (10 days) is longer than the history
 * (4 days) and shorter than the data, so a budget counted from the history alone, or from all
 * the data, would be far off.
 *
 * <p>What is checked: status.errorBudget's remaining and burn rate agree with the generator's
 * raw counts (the ground truth the counters were built from) within a few percent; the burst
 * raises the burn rate and the forecast probability that the budget is spent within the horizon.
 * The numbers are printed for the record. The chain is the operator's own (the period queries of
 * {@link PeriodTotalsSource}, the window fetch, the fit of {@link SeriesForecasterAdapter},
 * {@link ErrorBudgets}) without a Kubernetes API server: status patching is the same as for any
 * other status field.
 */
class ErrorBudgetPrometheusIT {

  private static final long START = 1_717_200_000L; // 2024-06-01T00:00:00Z
  private static final int DAYS = 14;
  private static final long DATA_END = START + DAYS * 86_400L;
  /** The period ends at the last closed window: the data's end (a multiple of 5 minutes). */
  private static final long UNTIL = DATA_END;
  private static final Duration PERIOD = Duration.ofDays(10);
  private static final Duration HISTORY = Duration.ofDays(4);
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final String ERRORS = "sum(increase(http_requests_total{code=~\"5..\"}[$window]))";
  private static final String REQUESTS = "sum(increase(http_requests_total[$window]))";
  /** Share of the budget left in namespace steady; the objective is chosen to leave it. */
  private static final double STEADY_REMAINING = 0.10;
  /** Share of the budget the burst leaves in namespace burst: a few windows' worth of errors. */
  private static final double BURST_REMAINING = 0.005;

  private static List<CounterSeries> traffic;
  private static LocalPrometheus prometheus;
  private static PrometheusClient client;
  /** Chosen so the untouched namespace has about a tenth of its budget left. */
  private static String objective;

  @BeforeAll
  static void backfillTwoWeeks() throws IOException {
    traffic = new ArrayList<>();
    for (String ns : List.of("steady", "burst")) {
      // Same seed: the two namespaces have the same traffic until the burst.
      traffic.addAll(HttpTrafficGenerator.generate(new HttpTrafficGenerator.Config(START, DAYS,
          20261207L, List.of(ns), 200, 0.8, 17, -1, -1, -1)));
    }
    double errors = truth("steady", true, PERIOD.getSeconds());
    double requests = truth("steady", false, PERIOD.getSeconds());
    objective = BigDecimal.valueOf(100 * (1 - errors / ((1 - STEADY_REMAINING) * requests)))
        .setScale(4, RoundingMode.HALF_UP).toPlainString();
    double allowed = (100 - Double.parseDouble(objective)) / 100 * requests;
    int perMinute = (int) Math.round((STEADY_REMAINING - BURST_REMAINING) * allowed / 30);
    traffic.replaceAll(s -> s.labels().get("namespace").equals("burst")
        && s.labels().get("code").equals("500") ? withBurst(s, perMinute) : s);
    System.out.printf(Locale.ROOT, "objective %s, burst of %d errors/min for 30 min%n", objective,
        perMinute);
    prometheus = LocalPrometheus.create();
    prometheus.backfill(traffic);
    prometheus.start();
    client = new PrometheusClient(PrometheusClientSettings.defaults(prometheus.baseUrl()));
  }

  @AfterAll
  static void stopPrometheus() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void remainingAndBurnRateAgreeWithTheRawCounters() {
    for (String ns : List.of("steady", "burst")) {
      ForecastPlan plan = plan();
      ErrorBudgetStatus ours = ErrorBudgets.next(null, plan.slo(), counts(ns, plan), null);
      ErrorBudget truth = ErrorBudget.of(plan.slo().errorShare(),
          new ErrorBudget.Totals(truth(ns, true, PERIOD.getSeconds()),
              truth(ns, false, PERIOD.getSeconds())),
          new ErrorBudget.Totals(truth(ns, true, 3_600), truth(ns, false, 3_600)));
      System.out.printf(Locale.ROOT, "%s objective %s: errors %.0f (raw %.0f), requests %.0f "
              + "(raw %.0f), remaining %.4f (raw %.4f), burnRate %.3f (raw %.3f)%n", ns,
          objective, ours.getConsumedErrors(), truth.consumedErrors(), ours.getRequests(),
          truth.requests(), ours.getRemaining(), truth.remaining(), ours.getBurnRate(),
          truth.burnRate());

      assertThat(ours.getConsumedErrors()).as(ns + " errors")
          .isCloseTo(truth.consumedErrors(), within(0.02 * truth.consumedErrors()));
      assertThat(ours.getRequests()).as(ns + " requests")
          .isCloseTo(truth.requests(), within(0.02 * truth.requests()));
      assertThat(ours.getRemaining()).as(ns + " remaining")
          .isCloseTo(truth.remaining(), within(0.03));
      assertThat(ours.getBurnRate()).as(ns + " burn rate")
          .isCloseTo(truth.burnRate(), within(0.05 * truth.burnRate()));
    }
  }

  @Test
  void anErrorBurstRaisesTheBurnRateAndTheExhaustionProbability() {
    ErrorBudgetStatus steady = withForecast("steady");
    ErrorBudgetStatus burst = withForecast("burst");
    System.out.printf(Locale.ROOT, "steady: remaining %.4f burnRate %.3f burnRates %s "
            + "exhaustionProbability %.3f exhaustionTime %s atCurrentBurn %s%n",
        steady.getRemaining(), steady.getBurnRate(), steady.getBurnRates(),
        steady.getExhaustionProbability(), steady.getExhaustionTime(),
        steady.getExhaustionTimeAtCurrentBurn());
    System.out.printf(Locale.ROOT, "burst:  remaining %.4f burnRate %.3f burnRates %s "
            + "exhaustionProbability %.3f exhaustionTime %s atCurrentBurn %s%n",
        burst.getRemaining(), burst.getBurnRate(), burst.getBurnRates(),
        burst.getExhaustionProbability(), burst.getExhaustionTime(),
        burst.getExhaustionTimeAtCurrentBurn());

    assertThat(steady.getRemaining()).isCloseTo(STEADY_REMAINING, within(0.01));
    assertThat(burst.getRemaining()).isBetween(0.0, 0.02);
    assertThat(burst.getBurnRate()).isGreaterThan(5 * steady.getBurnRate());
    assertThat(burst.getBurnRates().get("5m")).isGreaterThan(14.4);
    assertThat(burst.getExhaustionProbability())
        .isGreaterThan(steady.getExhaustionProbability());
    assertThat(burst.getExhaustionHorizonEnd())
        .isEqualTo(Instant.ofEpochSecond(UNTIL).plus(Duration.ofHours(6)).toString());
  }

  /** The budget after a training on the history, as the reconciler computes it. */
  private static ErrorBudgetStatus withForecast(String ns) {
    ForecastPlan plan = plan();
    TrainedForecast trained = new SeriesForecasterAdapter(RegressionEngine.INSTANCE)
        .train(history(ns), plan);
    return ErrorBudgets.next(null, plan.slo(), counts(ns, plan), trained);
  }

  /** The operator's period counts, as SignalCollectors gets them. */
  private static SignalCollectors.SloCounts counts(String ns, ForecastPlan plan) {
    List<Duration> spans = new ArrayList<>(SignalCollectors.BURN_WINDOWS);
    spans.add(PERIOD);
    PeriodTotalsSource source = new PeriodTotalsSource(client, spec(),
        QueryScope.confinedTo(ns), spans);
    List<ErrorBudget.Totals> burns = new ArrayList<>();
    for (Duration span : SignalCollectors.BURN_WINDOWS) {
      burns.add(totals(source.totals(span, UNTIL)));
    }
    return new SignalCollectors.SloCounts(UNTIL, totals(source.totals(plan.slo().period(), UNTIL)),
        burns);
  }

  private static ErrorBudget.Totals totals(PeriodTotalsSource.Totals t) {
    return new ErrorBudget.Totals(t.errors(), t.requests());
  }

  /** The closed windows of the history, as the collector stores them. */
  private static SeriesArrays history(String ns) {
    PrometheusSignalSource source = new PrometheusSignalSource(client, spec(),
        SignalWindowing.of(WINDOW, HISTORY), QueryScope.confinedTo(ns));
    List<WindowSample> windows = source.fetch(null, Instant.ofEpochSecond(UNTIL + 90));
    long[] starts = windows.stream().mapToLong(WindowSample::start).toArray();
    double[] counts = windows.stream().mapToDouble(WindowSample::count).toArray();
    double[] exposure = windows.stream().mapToDouble(WindowSample::exposure).toArray();
    assertThat(windows.get(windows.size() - 1).end()).isEqualTo(UNTIL);
    return new SeriesArrays(starts, counts, exposure);
  }

  private static PrometheusSignalSpec spec() {
    return PrometheusSignalSpec.ofQuery(null, ERRORS, REQUESTS);
  }

  private static ForecastPlan plan() {
    CountForecastSpec spec = TestSpecs.minimal();
    PrometheusSignal prometheus = new PrometheusSignal();
    prometheus.setQuery(ERRORS);
    prometheus.setExposureQuery(REQUESTS);
    SignalSpec signal = new SignalSpec();
    signal.setPrometheus(prometheus);
    spec.setSignal(signal);
    spec.setWindow("5m");
    spec.setHistory("4d");
    spec.setHorizon("6h");
    spec.getModel().setSeasonality(List.of(Seasonality.DAILY));
    SloSpec slo = new SloSpec();
    slo.setObjective(objective);
    slo.setPeriod("10d");
    spec.setSlo(slo);
    return ForecastPlan.of(spec);
  }

  /** The generated events of {@code ns} (errors or all requests) in (UNTIL − span, UNTIL]. */
  private static double truth(String ns, boolean errors, long span) {
    return traffic.stream()
        .filter(s -> s.labels().get("namespace").equals(ns)
            && (!errors || s.labels().get("code").startsWith("5")))
        .mapToLong(s -> s.eventsIn(UNTIL - span, UNTIL)).sum();
  }

  /** {@code s} with {@code perMinute} more events at each of its last 30 scrapes. */
  private static CounterSeries withBurst(CounterSeries s, int perMinute) {
    long[] values = s.values().clone();
    long[] events = s.events().clone();
    long added = 0;
    for (int i = 0; i < values.length; i++) {
      if (s.times()[i] > DATA_END - 1_800) {
        added += perMinute;
        events[i] += perMinute;
      }
      values[i] += added;
    }
    return new CounterSeries(Map.copyOf(s.labels()), s.times(), values, events);
  }
}
