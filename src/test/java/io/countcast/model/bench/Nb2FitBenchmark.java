package io.countcast.model.bench;

import io.countcast.model.CountRegression;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.data.SyntheticNb2;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time of one full NB2 fit (glm.nb algorithm) on 200,000 rows × 12 columns: the data of
 * {@link SyntheticNb2#benchmark} (the same generator and seed as {@code countcast bench}),
 * generated once per fork.
 *
 * <p>Run: {@code ./mvnw -B -q test-compile && java -cp "target/test-classes:target/classes:$(cat
 * target/cp.txt)" io.countcast.model.bench.Nb2FitBenchmark}, with target/cp.txt written by
 * {@code ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Nb2FitBenchmark {

  static final int ROWS = 200_000;
  /** The default --seed of {@code countcast bench}. */
  static final long SEED = 20261126L;

  private ModelData data;
  private FitOptions options;

  @Setup
  public void generate() {
    data = SyntheticNb2.benchmark(ROWS, SEED);
    options = FitOptions.defaults(Family.NB2);
  }

  @Benchmark
  public FitResult fitNb2() {
    return CountRegression.fit(data, options);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(Nb2FitBenchmark.class.getName()).build()).run();
  }
}
