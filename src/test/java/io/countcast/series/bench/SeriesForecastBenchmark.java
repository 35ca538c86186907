package io.countcast.series.bench;

import io.countcast.model.Family;
import io.countcast.series.CountSeries;
import io.countcast.series.ForecastSpec;
import io.countcast.series.RegressionEngine;
import io.countcast.series.Seasonality;
import io.countcast.series.SeriesForecast;
import io.countcast.series.SeriesForecaster;
import io.countcast.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operator cycle for one series: choose, fit and forecast 12 windows (1 h) from 7 days of
 * 5-minute counts (2,016 windows) with daily (4 harmonics) and weekly (2 harmonics) Fourier terms,
 * lag and recent-level features. {@code family=auto} is the full choice (Poisson and NB2 on both
 * feature sets, NB1 and ZINB2 on the winner, then the lag tiers 2, 4, 8 and 12); {@code nb2} fixes
 * the family. The series is the first 7 days of a NAB tweet series, read from
 * ../shared/data/nab/ (or ../../shared/data/nab/ from a worktree).
 *
 * <p>Run: {@code ./mvnw -B -q test-compile && ./mvnw -B -q dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt && java -cp "target/test-classes:target/classes:$(cat
 * target/cp.txt)" org.openjdk.jmh.Main SeriesForecastBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SeriesForecastBenchmark {

  @Param({"AMZN", "AAPL", "CVS"})
  public String symbol;

  @Param({"auto", "nb2"})
  public String family;

  private CountSeries history;
  private ForecastSpec spec;
  private final SeriesForecaster forecaster = new SeriesForecaster(RegressionEngine.INSTANCE);

  @Setup
  public void load() throws IOException {
    Path file = locate("Twitter_volume_" + symbol + ".csv");
    List<String> lines = Files.readAllLines(file).subList(1, 2017);
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    long[] starts = new long[lines.size()];
    long[] counts = new long[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      starts[i] = LocalDateTime.parse(f[0], format).toEpochSecond(ZoneOffset.UTC);
      counts[i] = Long.parseLong(f[1].trim());
    }
    history = CountSeries.of(300, starts, counts);
    ForecastSpec defaults = ForecastSpec.defaults(Seasonality.parse("daily,weekly", 300),
        ForecastSpec.defaultLevels(300), 12,
        7 * Seasonality.DAY, 100);
    spec = family.equals("auto") ? defaults
        : defaults.withFamilies(List.of(Family.parse(family)));
  }

  private static Path locate(String name) {
    return SharedData.findNab().map(dir -> dir.resolve(name)).orElseThrow(
        () -> new IllegalStateException("NAB series " + name
            + " not found under ../shared/data/nab/"));
  }

  @Benchmark
  public SeriesForecast fitAndForecast() {
    return forecaster.forecast(history, spec);
  }
}
