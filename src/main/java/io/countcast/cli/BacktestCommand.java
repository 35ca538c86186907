package io.countcast.cli;

import io.countcast.model.PredictiveMode;
import io.countcast.series.Backtest;
import io.countcast.series.BacktestReport;
import io.countcast.series.BacktestSpec;
import io.countcast.series.CountSeries;
import io.countcast.series.ForecastSpec;
import io.countcast.series.LabelledWindow;
import io.countcast.series.RegressionEngine;
import io.countcast.series.Seasonality;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast backtest}: a rolling-origin backtest of the series forecaster on one CSV
 * series, against a Poisson model with the same features, seasonal naive and last value.
 * Prints a summary (text or {@code --json}); {@code --output} writes one CSV row per origin and
 * step, {@code --plot} a PNG or SVG.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Rolling-origin backtest (no look-ahead) of count forecasts on a series.")
final class BacktestCommand implements Callable<Integer> {

  /** Runs with at least this many origins show a progress bar (on a terminal). */
  private static final int PROGRESS_FROM = 8;

  @Spec
  private CommandSpec spec;

  @Mixin
  private SeriesOptions input;

  @Option(names = "--horizon", defaultValue = "1h",
      description = "Forecast horizon (rows with --period). Default: ${DEFAULT-VALUE}.")
  private String horizon;

  @Option(names = "--step", defaultValue = "1d",
      description = "Distance between fold origins (rows with --period). Default:"
          + " ${DEFAULT-VALUE}.")
  private String step;

  @Option(names = "--first-origin", paramLabel = "TIME|ROW",
      description = "Where scoring starts: the first origin (a time, or a row index with"
          + " --period). Default: one training span after the first row.")
  private String firstOrigin;

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

  @Option(names = "--output", paramLabel = "windows.csv",
      description = "Write one CSV row per origin and forecast step.")
  private Path output;

  @Option(names = "--plot", paramLabel = "backtest.png|svg",
      description = "Write a plot: counts, forecast median and 90% band, alarms, labels, and"
          + " a PIT histogram. PNG or SVG by the file name.")
  private Path plot;

  @Option(names = "--json", description = "Print one JSON object.")
  private boolean json;

  @Option(names = "--windows", description = "With --json: add every window under 'windows'.")
  private boolean windows;

  @Option(names = "--threads", paramLabel = "N",
      description = "Origins fitted in parallel. Default: the number of processors.")
  private Integer threads;

  @Option(names = "--choose-every", paramLabel = "N", defaultValue = "" + Backtest.RUN,
      description = "Make the model choice (features and family) at every N-th origin; the"
          + " origins between refit that choice's coefficients only, unless it no longer fits."
          + " 1 chooses at every origin (slower). Default: ${DEFAULT-VALUE}.")
  private int chooseEvery;

  @Override
  public Integer call() {
    CountSeries data = input.read();
    boolean rows = input.rows();
    long windowSeconds = input.windowSeconds();
    long trainSpan = input.trainSpan();
    long horizonSpan = input.span("--horizon", horizon);
    long stepSpan = input.span("--step", step);
    if (horizonSpan % windowSeconds != 0 || horizonSpan < windowSeconds) {
      throw new CliException("--horizon must be a whole number of windows, got " + horizon);
    }
    if (!(surgeLevel > 0 && surgeLevel < 1)) {
      throw new CliException("--surge-level must be strictly between 0 and 1, got " + surgeLevel);
    }
    if (windows && !json) {
      throw new CliException("--windows adds the windows to --json output; give --json too"
          + " (or --output for a CSV)");
    }
    if (chooseEvery < 1) {
      throw new CliException("--choose-every must be at least 1, got " + chooseEvery);
    }
    if (threads != null && threads < 1) {
      throw new CliException("--threads must be at least 1, got " + threads);
    }
    if (plot != null) {
      BacktestPlot.checkFormat(plot);
    }
    long k = threshold != null ? threshold : Backtest.defaultThreshold(data, trainSpan);
    if (k < 0) {
      throw new CliException("--threshold must be a count >= 0, got " + k);
    }
    ForecastSpec forecast = input.forecastSpec((int) (horizonSpan / windowSeconds), k);
    forecast = forecast.withFeatureSets(forecast.featureSets().stream()
            .map(f -> hourOfWeek && !rows ? f.withHourOfWeek() : f).toList())
        .withPredictive(plugIn ? PredictiveMode.PLUG_IN : PredictiveMode.APPROXIMATE_POSTERIOR);
    List<LabelledWindow> labelled = new ArrayList<>(input.columnLabels());
    if (labels != null) {
      labelled.addAll(LabelsJson.read(labels, input.file().getFileName().toString()));
    }
    BacktestSpec backtest = new BacktestSpec(forecast, stepSpan, input.seasonSpan(), seed,
        labelled, surgeLevel, rows ? input.period() : Seasonality.DAY, firstOrigin(data),
        input.rateUnit());
    int origins = Backtest.origins(data, backtest).length;
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    BacktestReport report;
    try (ProgressBar bar = progressBar(origins)) {
      report = new Backtest(RegressionEngine.INSTANCE, n, chooseEvery).run(data, backtest,
          bar == null ? () -> { } : bar::step);
    } catch (IllegalArgumentException e) {
      // the series layer's refusals are about the data: too short, nothing could be scored
      throw new CliException(input.file() + ": " + e.getMessage());
    }
    BacktestFormat format = new BacktestFormat(rows, report);
    if (output != null) {
      format.writeCsv(output);
    }
    if (plot != null) {
      BacktestPlot.write(plot, data, report, labelled, rows);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(format.json(windows)));
    } else {
      out.print(format.text());
    }
    return 0;
  }

  /**
   * A progress bar on stderr for long runs on a terminal; none with --json, when stderr or
   * stdout is not a terminal (piped, redirected, tests) or for a handful of origins.
   */
  private ProgressBar progressBar(int origins) {
    if (json || System.console() == null || origins < PROGRESS_FROM) {
      return null;
    }
    return new ProgressBarBuilder().setTaskName("backtest").setInitialMax(origins)
        .setUnit(" origins", 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
  }

  private long firstOrigin(CountSeries data) {
    if (firstOrigin == null) {
      return BacktestSpec.DEFAULT_FIRST_ORIGIN;
    }
    long origin;
    if (input.rows()) {
      origin = SeriesCsv.parseRows("--first-origin", firstOrigin);
    } else {
      try {
        origin = SeriesCsv.parseTime(firstOrigin);
      } catch (IllegalArgumentException e) {
        throw new CliException("--first-origin: " + e.getMessage());
      }
      if (Math.floorMod(origin - data.start(0), data.windowSeconds()) != 0) {
        throw new CliException("--first-origin must be on the window grid of the series ("
            + data.windowSeconds() + " s windows from " + BacktestFormat.time(data.start(0), false)
            + ")");
      }
    }
    if (data.size() == 0 || origin <= data.start(0)
        || origin > data.start(data.size() - 1)) {
      throw new CliException("--first-origin must lie after the first row and at or before the"
          + " last one, got " + firstOrigin);
    }
    return origin;
  }
}
