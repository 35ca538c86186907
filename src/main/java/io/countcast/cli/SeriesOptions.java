package io.countcast.cli;

import io.countcast.model.Family;
import io.countcast.model.data.CsvTable;
import io.countcast.series.CountSeries;
import io.countcast.series.Criterion;
import io.countcast.series.ForecastSpec;
import io.countcast.series.Seasonality;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The series options a command that rolls a forecaster over one CSV series takes (a picocli
 * mixin): where the counts are, how long a window and the training span are, and the model's
 * seasonality, family and criterion. Parsing and validation live here once.
 */
final class SeriesOptions {

  @Option(names = "--series", required = true, paramLabel = "FILE.csv",
      description = "CSV with a time column and a count column.")
  Path series;

  @Option(names = "--time-column", defaultValue = "timestamp",
      description = "Time column (UTC yyyy-MM-dd HH:mm:ss, ISO-8601 or epoch seconds)."
          + " Default: ${DEFAULT-VALUE}.")
  String timeColumn;

  @Option(names = "--value-column", defaultValue = "value",
      description = "Count column. Default: ${DEFAULT-VALUE}.")
  String valueColumn;

  @Option(names = "--window", defaultValue = "5m", description = "Window length. Default: 5m.")
  String window;

  @Option(names = "--train", defaultValue = "7d", description = "Training span. Default: 7d.")
  String train;

  @Option(names = "--period", paramLabel = "N",
      description = "Rows are consecutive windows with a seasonal cycle of N rows; --train"
          + " then counts rows and --window is ignored.")
  Long period;

  @Option(names = "--seasonality", defaultValue = "daily,weekly",
      description = "daily, weekly, both or none (clocked series). Default: ${DEFAULT-VALUE}.")
  String seasonality;

  @Option(names = "--family", defaultValue = "auto",
      description = "auto, poisson, nb2, nb1 or zinb2. Default: ${DEFAULT-VALUE}.")
  String family;

  @Option(names = "--criterion", defaultValue = "aic",
      description = "aic or bic, for auto. Default: ${DEFAULT-VALUE}.")
  String criterion;

  @Option(names = "--trend", description = "Add a linear trend to every feature set.")
  boolean trend;

  /** Whether the series is rows without clock ({@code --period}). */
  boolean rows() {
    if (period != null && period < 2) {
      throw new CliException("--period must be at least 2 rows, got " + period);
    }
    return period != null;
  }

  long windowSeconds() {
    return rows() ? 1 : SeriesCsv.parseDuration("--window", window);
  }

  /** The training span in seconds (rows in row mode). */
  long trainSpan() {
    return rows() ? SeriesCsv.parseRows("--train", train)
        : SeriesCsv.parseDuration("--train", train);
  }

  /** Reads the series, with errors naming the file, row and column. */
  CountSeries read() {
    CsvTable table = CsvTable.read(series);
    return rows() ? SeriesCsv.readRows(table, valueColumn)
        : SeriesCsv.read(table, timeColumn, valueColumn, windowSeconds());
  }

  List<Seasonality> seasons() {
    return rows() ? Seasonality.ofRows(period)
        : parse(() -> Seasonality.parse(seasonality, windowSeconds()));
  }

  /** The forecast spec these options describe, for the given horizon and surge threshold. */
  ForecastSpec forecastSpec(int horizon, long threshold) {
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
