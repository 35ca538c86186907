package io.countcast.model.bench;

import io.countcast.model.CountRegression;
import io.countcast.model.DesignMatrix;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
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
 * Time of one full NB2 fit (glm.nb algorithm) on 200,000 rows × 12 columns: intercept, 8
 * standard-normal covariates and the 3 dummies of a 4-level factor, NB2 counts with θ = 1.5.
 * The data are generated once per fork from a fixed seed.
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
  static final int NUMERIC = 8;
  static final int LEVELS = 4;

  private ModelData data;
  private FitOptions options;

  @Setup
  public void generate() {
    RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(20261126L));
    List<String> names = new ArrayList<>();
    names.add("(Intercept)");
    for (int j = 1; j <= NUMERIC; j++) {
      names.add("x" + j);
    }
    for (int l = 1; l < LEVELS; l++) {
      names.add("level" + l);
    }
    int p = names.size();
    double[] beta = new double[p];
    beta[0] = 0.7;
    for (int j = 1; j < p; j++) {
      beta[j] = 0.25 * ((j % 3) - 1) + 0.05 * j / p;
    }
    double[] x = new double[ROWS * p];
    double[] y = new double[ROWS];
    double theta = 1.5;
    for (int i = 0; i < ROWS; i++) {
      int base = i * p;
      x[base] = 1;
      for (int j = 1; j <= NUMERIC; j++) {
        x[base + j] = rng.nextGaussian(0, 0.5);
      }
      int level = rng.nextInt(0, LEVELS - 1);
      if (level > 0) {
        x[base + NUMERIC + level] = 1;
      }
      double eta = 0;
      for (int j = 0; j < p; j++) {
        eta += x[base + j] * beta[j];
      }
      double lambda = rng.nextGamma(theta, Math.exp(eta) / theta);
      y[i] = lambda > 0 ? rng.nextPoisson(lambda) : 0;
    }
    data = ModelData.of(y, new DesignMatrix(names, ROWS, x));
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
