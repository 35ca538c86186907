package io.countcast.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.model.Family;
import io.countcast.model.PredictiveMode;
import io.countcast.model.data.CsvTable;
import io.countcast.series.Backtest;
import io.countcast.series.BacktestReport;
import io.countcast.series.BacktestSpec;
import io.countcast.series.Criterion;
import io.countcast.series.CountSeries;
import io.countcast.series.ForecastSpec;
import io.countcast.series.LabelledWindow;
import io.countcast.series.RegressionEngine;
import io.countcast.series.Seasonality;
import io.countcast.series.SurgeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast backtest}: a rolling-origin backtest of the series forecaster on one CSV
 * series, against a Poisson model with the same features and seasonal naive with an NB2 spread.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Rolling-origin backtest (no look-ahead) of count forecasts on a series.")
final class BacktestCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--series", required = true, paramLabel = "FILE.csv",
      description = "CSV with a time column and a count column.")
  private Path series;

  @Option(names = "--time-column", defaultValue = "timestamp",
      description = "Time column (UTC yyyy-MM-dd HH:mm:ss, ISO-8601 or epoch seconds)."
          + " Default: ${DEFAULT-VALUE}.")
  private String timeColumn;

  @Option(names = "--value-column", defaultValue = "value",
      description = "Count column. Default: ${DEFAULT-VALUE}.")
  private String valueColumn;

  @Option(names = "--window", defaultValue = "5m", description = "Window length. Default: 5m.")
  private String window;

  @Option(names = "--train", defaultValue = "7d", description = "Training span. Default: 7d.")
  private String train;

  @Option(names = "--horizon", defaultValue = "1h", description = "Forecast horizon. Default: 1h.")
  private String horizon;

  @Option(names = "--step", defaultValue = "1d",
      description = "Distance between fold origins. Default: 1d.")
  private String step;

  @Option(names = "--period", paramLabel = "N",
      description = "Rows are consecutive windows with a seasonal cycle of N rows; --train,"
          + " --horizon and --step then count rows.")
  private Long period;

  @Option(names = "--family", defaultValue = "auto",
      description = "auto, poisson, nb2, nb1 or zinb2. Default: ${DEFAULT-VALUE}.")
  private String family;

  @Option(names = "--criterion", defaultValue = "aic",
      description = "aic or bic, for auto. Default: ${DEFAULT-VALUE}.")
  private String criterion;

  @Option(names = "--seasonality", defaultValue = "daily,weekly",
      description = "daily, weekly, both or none. Default: ${DEFAULT-VALUE}.")
  private String seasonality;

  @Option(names = "--trend", description = "Add a linear trend to every feature set (off by"
      + " default: over a 1 h horizon it mostly extrapolates noise).")
  private boolean trend;

  @Option(names = "--hour-of-week", description = "Add hour-of-week effects to every feature"
      + " set (needs several weeks of training to be worth its 167 parameters).")
  private boolean hourOfWeek;

  @Option(names = "--threshold", paramLabel = "K",
      description = "Surge threshold K for P(count > K). Default: the 99th percentile of the"
          + " first training span.")
  private Long threshold;

  @Option(names = "--labels", paramLabel = "windows.json",
      description = "Labelled surge windows: [[start, end], ...] or NAB's object by file name.")
  private Path labels;

  @Option(names = "--surge-level", defaultValue = "0.5",
      description = "Surge probability that counts as an alarm. Default: ${DEFAULT-VALUE}.")
  private double surgeLevel;

  @Option(names = "--plug-in", description = "Plug-in forecasts (β and θ treated as known)"
      + " instead of the default approximate posterior predictive, for comparison.")
  private boolean plugIn;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the randomized PIT.")
  private long seed;

  @Option(names = "--json", description = "Print one JSON object.")
  private boolean json;

  @Override
  public Integer call() {
    CsvTable table = CsvTable.read(series);
    boolean rows = period != null;
    if (rows && period < 2) {
      throw new CliException("--period must be at least 2 rows, got " + period);
    }
    long windowSeconds = rows ? 1 : SeriesCsv.parseDuration("--window", window);
    CountSeries data = rows ? SeriesCsv.readRows(table, valueColumn)
        : SeriesCsv.read(table, timeColumn, valueColumn, windowSeconds);
    long trainSpan = span("--train", train, rows);
    long horizonSpan = span("--horizon", horizon, rows);
    long stepSpan = span("--step", step, rows);
    if (horizonSpan % windowSeconds != 0 || horizonSpan < windowSeconds) {
      throw new CliException("--horizon must be a whole number of windows, got " + horizon);
    }
    List<Seasonality> seasons = rows ? Seasonality.ofRows(period)
        : parse(() -> Seasonality.parse(seasonality, windowSeconds));
    long season = rows ? period : (seasons.isEmpty() ? Seasonality.DAY
        : seasons.get(0).periodSeconds());
    long k = threshold != null ? threshold : Backtest.defaultThreshold(data, trainSpan);
    if (k < 0) {
      throw new CliException("--threshold must be a count >= 0, got " + k);
    }
    if (!(surgeLevel > 0 && surgeLevel < 1)) {
      throw new CliException("--surge-level must be strictly between 0 and 1, got " + surgeLevel);
    }
    ForecastSpec forecast = ForecastSpec.defaults(seasons,
        rows ? ForecastSpec.ROW_LEVELS : ForecastSpec.defaultLevels(windowSeconds),
        (int) (horizonSpan / windowSeconds),
        trainSpan, k);
    forecast = forecast.withFamilies(families())
        .withCriterion(parse(() -> Criterion.parse(criterion)))
        .withFeatureSets(forecast.featureSets().stream()
            .map(f -> trend ? f.withTrend() : f)
            .map(f -> hourOfWeek && !rows ? f.withHourOfWeek() : f).toList())
        .withPredictive(plugIn ? PredictiveMode.PLUG_IN : PredictiveMode.APPROXIMATE_POSTERIOR);
    List<LabelledWindow> labelled = labels == null ? List.of()
        : LabelsJson.read(labels, series.getFileName().toString());
    BacktestSpec backtest = new BacktestSpec(forecast, stepSpan, season, seed, labelled,
        surgeLevel, rows ? period : Seasonality.DAY);
    BacktestReport report;
    try {
      report = new Backtest(RegressionEngine.INSTANCE).run(data, backtest);
    } catch (IllegalArgumentException e) {
      // the series layer's refusals are about the data: too short, nothing to train on
      throw new CliException(series + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(toJson(report)));
    } else {
      out.print(text(report));
    }
    return 0;
  }

  private List<Family> families() {
    if (family.trim().equalsIgnoreCase("auto")) {
      return ForecastSpec.AUTO;
    }
    return List.of(parse(() -> Family.parse(family)));
  }

  private long span(String option, String text, boolean rows) {
    return rows ? SeriesCsv.parseRows(option, text) : SeriesCsv.parseDuration(option, text);
  }

  /** Turns a parse error of an option value into a one-line usage error. */
  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  private static ObjectNode toJson(BacktestReport r) {
    ObjectNode o = Json.object();
    o.put("family", r.family());
    o.put("folds", r.folds());
    o.put("windows", r.windows());
    o.put("threshold", r.threshold());
    Json.put(o, "mae", r.mae());
    Json.put(o, "naiveMae", r.naiveMae());
    Json.put(o, "poissonMae", r.poissonMae());
    Json.put(o, "logScore", r.logScore());
    Json.put(o, "poissonLogScore", r.poissonLogScore());
    Json.put(o, "naiveLogScore", r.naiveLogScore());
    Json.put(o, "coverage50", r.coverage50());
    Json.put(o, "coverage90", r.coverage90());
    Json.put(o, "pit90", r.pit90());
    Json.put(o, "brier", r.brier());
    ObjectNode choices = o.putObject("choices");
    r.choices().forEach(choices::put);
    o.set("surge", Json.MAPPER.valueToTree(r.surge()));
    return o;
  }

  private static String text(BacktestReport r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "folds %d, windows scored %d, family %s %s%n",
        r.folds(), r.windows(), r.family(), r.choices()));
    b.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s%n", "", "model", "poisson",
        "naive"));
    b.append(String.format(Locale.ROOT, "%-14s %10.3f %10.3f %10.3f%n", "MAE", r.mae(),
        r.poissonMae(), r.naiveMae()));
    b.append(String.format(Locale.ROOT, "%-14s %10.3f %10.3f %10.3f%n", "log score",
        r.logScore(), r.poissonLogScore(), r.naiveLogScore()));
    b.append(String.format(Locale.ROOT,
        "coverage50 %.3f  coverage90 %.3f  pit90 %.3f  brier(P>%d) %.4f%n", r.coverage50(),
        r.coverage90(), r.pit90(), r.threshold(), r.brier()));
    SurgeReport s = r.surge();
    b.append(String.format(Locale.ROOT, "surge: %d origins, %d false alarms (%.2f/week)%n",
        s.origins(), s.falseAlarms(), s.falseAlarmsPerWeek()));
    for (SurgeReport.LabelResult l : s.labels()) {
      b.append(String.format(Locale.ROOT, "  label %s: %s%n",
          java.time.Instant.ofEpochSecond(l.start()),
          !l.covered() ? "not covered by any origin"
              : !l.detected() ? "missed"
              : l.leadSeconds() >= 0 ? "first alarm " + l.leadSeconds() / 60 + " min before start"
              : "first alarm " + -l.leadSeconds() / 60 + " min after start"));
    }
    return b.toString();
  }
}
