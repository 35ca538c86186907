package io.countcast.cli;

import io.countcast.model.CountRegression;
import io.countcast.model.DesignMatrix;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast bench}: a quick fit-speed check without JMH. Generates a deterministic
 * 12-column NB2 dataset in memory (intercept, 8 standard-normal covariates, a 4-level factor as 3
 * treatment dummies; θ = 2), fits it after warm-up fits and prints the median wall time of the
 * fit alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time the fitting of a generated 12-column NB2 dataset.")
final class BenchCommand implements Callable<Integer> {

  private static final double[] TRUE_BETA =
      {0.5, 0.3, -0.2, 0.15, -0.1, 0.25, 0.05, -0.3, 0.1, 0.4, -0.35, 0.2};
  private static final double TRUE_THETA = 2.0;
  private static final int NUMERIC = 8;

  @Spec
  private CommandSpec spec;

  @Option(names = "--rows", defaultValue = "200000", description = "Rows. Default: ${DEFAULT-VALUE}.")
  private int rows;

  @Option(names = "--family", defaultValue = "nb2",
      description = "Family to fit. Default: ${DEFAULT-VALUE}.")
  private String family;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed fits first. Default: ${DEFAULT-VALUE}.")
  private int warmup;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed fits. Default: ${DEFAULT-VALUE}.")
  private int repeats;

  @Option(names = "--seed", defaultValue = "20261126", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Override
  public Integer call() {
    if (rows < TRUE_BETA.length || warmup < 0 || repeats < 1) {
      throw new CliException("bench needs --rows >= " + TRUE_BETA.length
          + ", --warmup >= 0 and --repeats >= 1");
    }
    Family fam;
    try {
      fam = Family.parse(family);
    } catch (IllegalArgumentException e) {
      throw new CliException("--family: " + e.getMessage());
    }
    ModelData data = generate(rows, seed);
    FitOptions options = FitOptions.defaults(fam);
    FitResult fit = null;
    for (int i = 0; i < warmup; i++) {
      fit = CountRegression.fit(data, options);
    }
    double[] millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      fit = CountRegression.fit(data, options);
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(millis);
    double median = repeats % 2 == 1 ? millis[repeats / 2]
        : (millis[repeats / 2 - 1] + millis[repeats / 2]) / 2;
    PrintWriter out = spec.commandLine().getOut();
    out.println(String.format(Locale.ROOT,
        "%s fit, %d rows x %d columns: median %.1f ms (min %.1f, max %.1f) over %d runs after"
            + " %d warm-up fits; converged=%s, iterations=%d%s",
        fam.id(), rows, TRUE_BETA.length, median, millis[0], millis[repeats - 1], repeats, warmup,
        fit.converged(), fit.iterations(),
        fam == Family.NB2 ? String.format(Locale.ROOT, ", theta=%.4f (true %.1f)", fit.theta(),
            TRUE_THETA) : ""));
    out.flush();
    return 0;
  }

  /** The benchmark dataset; same seed, same data, on every machine. */
  static ModelData generate(int n, long seed) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    int p = TRUE_BETA.length;
    List<String> names = new ArrayList<>(List.of("(Intercept)"));
    for (int j = 1; j <= NUMERIC; j++) {
      names.add("x" + j);
    }
    names.addAll(List.of("gb", "gc", "gd"));
    double[] x = new double[n * p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int row = i * p;
      x[row] = 1;
      for (int j = 1; j <= NUMERIC; j++) {
        x[row + j] = random.nextGaussian(0, 1);
      }
      int level = random.nextInt(0, 3);
      if (level > 0) {
        x[row + NUMERIC + level] = 1;
      }
      double eta = 0;
      for (int j = 0; j < p; j++) {
        eta += x[row + j] * TRUE_BETA[j];
      }
      // NB2 as a gamma–Poisson mixture: λ ~ Gamma(θ, μ/θ), Y | λ ~ Poisson(λ).
      double lambda = random.nextGamma(TRUE_THETA, Math.exp(eta) / TRUE_THETA);
      y[i] = lambda > 0 ? random.nextPoisson(lambda) : 0;
    }
    return ModelData.of(y, new DesignMatrix(names, n, x));
  }
}
