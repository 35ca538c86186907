package io.countcast.cli;

import io.countcast.model.Family;
import io.countcast.model.data.CsvTable;
import io.countcast.series.CountSeries;
import io.countcast.series.Criterion;
import io.countcast.series.ForecastSpec;
import io.countcast.series.LabelledWindow;
import io.countcast.series.Seasonality;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The series options that {@code backtest} and {@code detect} share (a picocli mixin): which file
 * and columns hold the series, its window or row period, the training span, the seasonal terms
 * and the model choice (family, criterion, trend).
 * In row mode ({@code --period N}) there is no clock: rows are consecutive windows, and
 * {@code --train} (and every other span of the command) counts rows.
 *
 * <p>Use with {@code @Mixin SeriesOptions series;} and call {@link #read()} once.
 */
public final class SeriesOptions {

  @Option(names = "--series", required = true, paramLabel = "FILE.csv",
      description = "CSV with a count column (and a time column unless --period is given).")
  Path file;

  @Option(names = "--time-column", defaultValue = "timestamp",
      description = "Time column (UTC yyyy-MM-dd HH:mm:ss, ISO-8601 or epoch seconds)."
          + " Default: ${DEFAULT-VALUE}.")
  String timeColumn;

  @Option(names = "--value-column", defaultValue = "value",
      description = "Count column. Default: ${DEFAULT-VALUE}.")
  String valueColumn;

  @Option(names = "--label-column", paramLabel = "NAME",
      description = "Optional 0/1 column marking labelled outbreak or surge windows; each run of"
          + " 1s is one labelled period.")
  String labelColumn;

  @Option(names = "--window", defaultValue = "5m",
      description = "Window length (ignored with --period). Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(names = "--period", paramLabel = "N",
      description = "Rows are consecutive windows with a seasonal cycle of N rows; --train and"
          + " the other spans then count rows.")
  Long period;

  @Option(names = "--train", defaultValue = "7d",
      description = "Training span before each origin (rows with --period). Default:"
          + " ${DEFAULT-VALUE}.")
  String train;

  @Option(names = "--seasonality", defaultValue = "daily,weekly",
      description = "daily, weekly, both or none (ignored with --period, which uses the"
          + " period's cycle). Default: ${DEFAULT-VALUE}.")
  String seasonality;

  @Option(names = "--family", defaultValue = "auto",
      description = "auto, poisson, nb2, nb1 or zinb2. Default: ${DEFAULT-VALUE}.")
  String family;

  @Option(names = "--criterion", defaultValue = "aic",
      description = "aic, bic or cv (held-out log score), for auto. Default: ${DEFAULT-VALUE}.")
  String criterion;

  @Option(names = "--trend", description = "Add a linear trend to every feature set (off by"
      + " default: over a short horizon it mostly extrapolates noise).")
  boolean trend;

  private CountSeries cached;
  private List<LabelledWindow> labels = List.of();

  /** The CSV path as given. */
  public Path file() {
    return file;
  }

  /** Whether the series is in row mode ({@code --period}). */
  public boolean rows() {
    return period != null;
  }

  /** Rows per seasonal cycle in row mode, else null. */
  public Long period() {
    return period;
  }

  /** Window length in seconds (1 in row mode, where a "second" is a row). */
  public long windowSeconds() {
    return rows() ? 1 : SeriesCsv.parseDuration("--window", window);
  }

  /** Reads and validates the series (once); errors name the file, line and column. */
  public CountSeries read() {
    if (cached != null) {
      return cached;
    }
    if (rows() && period < 2) {
      throw new CliException("--period must be at least 2 rows, got " + period);
    }
    CsvTable table = CsvTable.read(file);
    long w = windowSeconds();
    cached = rows() ? SeriesCsv.readRows(table, valueColumn)
        : SeriesCsv.read(table, timeColumn, valueColumn, w);
    if (labelColumn != null) {
      labels = labelRuns(table, cached);
    }
    return cached;
  }

  /** Labelled periods from {@code --label-column} (empty without it); call after {@link #read}. */
  public List<LabelledWindow> columnLabels() {
    return labels;
  }

  /** A span option: a duration such as {@code 7d}, or a row count in row mode. */
  public long span(String option, String text) {
    return rows() ? SeriesCsv.parseRows(option, text) : SeriesCsv.parseDuration(option, text);
  }

  /** The training span, in seconds or rows. */
  public long trainSpan() {
    return span("--train", train);
  }

  /** The seasonal terms: the period's cycle in row mode, else {@code --seasonality}. */
  public List<Seasonality> seasons() {
    if (rows()) {
      return Seasonality.ofRows(period);
    }
    long w = windowSeconds();
    try {
      return Seasonality.parse(seasonality, w);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** The season of the seasonal-naive baseline: the period, or the first cycle (else a day). */
  public long seasonSpan() {
    if (rows()) {
      return period;
    }
    List<Seasonality> s = seasons();
    return s.isEmpty() ? Seasonality.DAY : s.get(0).periodSeconds();
  }

  /**
   * The unit that rates are quoted per: a week of clock time, or one period of rows in row mode
   * (never a calendar unit from a row index).
   */
  public long rateUnit() {
    return rows() ? period : Seasonality.WEEK;
  }

  /** Runs of 1s in the label column, as periods from the first window's start to the last's end. */
  private List<LabelledWindow> labelRuns(CsvTable table, CountSeries series) {
    double[] flag = table.numbers(labelColumn);
    List<LabelledWindow> out = new ArrayList<>();
    int runStart = -1;
    for (int i = 0; i <= flag.length; i++) {
      boolean on = i < flag.length && !Double.isNaN(flag[i]) && flag[i] != 0;
      if (i < flag.length && !Double.isNaN(flag[i]) && flag[i] != 0 && flag[i] != 1) {
        throw table.errorAt(i, labelColumn, "a label must be 0 or 1, got " + flag[i]);
      }
      if (on && runStart < 0) {
        runStart = i;
      } else if (!on && runStart >= 0) {
        out.add(new LabelledWindow(series.start(runStart),
            series.start(i - 1) + series.windowSeconds() - 1));
        runStart = -1;
      }
    }
    return out;
  }

  /**
   * The forecast spec these options describe (seasons, levels, families, criterion, trend), for
   * a horizon of {@code horizon} windows and surge threshold {@code threshold}.
   */
  public ForecastSpec forecastSpec(int horizon, long threshold) {
    ForecastSpec forecast = ForecastSpec.defaults(seasons(),
        rows() ? ForecastSpec.ROW_LEVELS : ForecastSpec.defaultLevels(windowSeconds()),
        horizon, trainSpan(), threshold);
    List<Family> families = family.trim().equalsIgnoreCase("auto") ? ForecastSpec.AUTO
        : List.of(parse(() -> Family.parse(family)));
    return forecast.withFamilies(families)
        .withCriterion(parse(() -> Criterion.parse(criterion)))
        .withFeatureSets(forecast.featureSets().stream()
            .map(f -> trend ? f.withTrend() : f).toList());
  }

  /** Turns a parse error of an option value into a one-line usage error. */
  static <T> T parse(Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }
}
