package io.countcast.cli;

import io.countcast.model.CountRegression;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.data.SyntheticNb2;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast bench}: a quick fit-speed check without JMH. Generates a deterministic
 * 12-column NB2 dataset in memory (intercept, 8 standard-normal covariates, a 4-level factor as 3
 * treatment dummies; θ = 2; the same model as {@code scripts/bench/make-bench-data.R}, though not
 * the same random draws), fits it after warm-up fits and prints the median wall time of the fit
 * alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time the fitting of a generated 12-column NB2 dataset.")
final class BenchCommand implements Callable<Integer> {

  /** The model of scripts/bench/make-bench-data.R, so timings compare with R's and statsmodels'. */
  private static final double[] TRUE_BETA =
      {1.5, 0.15, -0.10, 0.20, 0.05, -0.12, 0.08, 0.10, -0.05, 0.3, -0.2, 0.5};
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
    ModelData data = SyntheticNb2.generate(rows, seed, TRUE_BETA, NUMERIC, 1.0, TRUE_THETA);
    FitOptions options = FitOptions.defaults(fam);
    FitResult fit = null;
    for (int i = 0; i < warmup; i++) {
      fit = CountRegression.fit(data, options);
    }
    // CPU time of this (the fitting) thread is reported too: on a shared, loaded machine it is
    // far steadier than wall time.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] millis = new double[repeats];
    double[] cpuMillis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      fit = CountRegression.fit(data, options);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
    }
    Arrays.sort(millis);
    PrintWriter out = spec.commandLine().getOut();
    out.println(String.format(Locale.ROOT,
        "%s fit, %d rows x %d columns: median %.1f ms (min %.1f, max %.1f; median CPU %.1f ms)"
            + " over %d runs after %d warm-up fits; converged=%s, iterations=%d%s",
        fam.id(), rows, TRUE_BETA.length, median(millis), millis[0], millis[repeats - 1],
        median(cpuMillis), repeats, warmup, fit.converged(), fit.iterations(),
        fam == Family.NB2 ? String.format(Locale.ROOT, ", theta=%.4f (true %.1f)", fit.theta(),
            TRUE_THETA) : ""));
    out.flush();
    return 0;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
