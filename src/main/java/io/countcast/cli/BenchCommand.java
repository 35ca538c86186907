package io.countcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.model.Coefficient;
import io.countcast.model.CountRegression;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.SyntheticNb2;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast bench}: a fit-speed check without JMH. Fits either a CSV file with a formula
 * (the same file R and statsmodels are timed on, see scripts/bench/compare.sh) or a generated
 * 12-column NB2 dataset ({@link SyntheticNb2}: intercept, 8 standard-normal covariates, a
 * 4-level factor; the model of scripts/bench/make-bench-data.R, not the same random draws). The
 * data are read once; untimed warm-up fits come first, then the median wall and process CPU time
 * of the timed fits alone is printed, with θ and, given R's output, the largest relative
 * coefficient difference from R.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Time model fitting on a CSV file or on a generated 12-column NB2 dataset.")
final class BenchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", paramLabel = "FILE.csv",
      description = "CSV file to fit (needs --formula). Default: generated data.")
  private Path data;

  @Option(names = "--formula", paramLabel = "FORMULA",
      description = "R model formula for --data, e.g. \"y ~ .\".")
  private String formula;

  @Option(names = "--rows", defaultValue = "200000",
      description = "Rows of generated data. Default: ${DEFAULT-VALUE}.")
  private int rows;

  @Option(names = "--seed", defaultValue = "20261126",
      description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--family", defaultValue = "nb2",
      description = "Family to fit. Default: ${DEFAULT-VALUE}.")
  private String family;

  @Option(names = "--warmup", defaultValue = "3",
      description = "Untimed fits first. Default: ${DEFAULT-VALUE}.")
  private int warmup;

  @Option(names = "--repeats", defaultValue = "5",
      description = "Timed fits. Default: ${DEFAULT-VALUE}.")
  private int repeats;

  @Option(names = "--reference", paramLabel = "R.json",
      description = "JSON from scripts/bench/bench-r.R: report the largest |Δβ|/|β| against it.")
  private Path reference;

  @Option(names = "--json", description = "Print one JSON object instead of a line of text.")
  private boolean json;

  @Override
  public Integer call() {
    if (warmup < 0 || repeats < 1 || rows < 12) {
      throw new CliException("bench needs --warmup >= 0, --repeats >= 1 and --rows >= 12");
    }
    if ((data == null) != (formula == null)) {
      throw new CliException("--data and --formula go together");
    }
    Family fam;
    try {
      fam = Family.parse(family);
    } catch (IllegalArgumentException e) {
      throw new CliException("--family: " + e.getMessage());
    }
    Map<String, Double> expected = reference == null ? null : readReference(reference);
    long readStart = System.nanoTime();
    ModelData model = data == null ? SyntheticNb2.benchmark(rows, seed) : readCsv();
    double readMillis = (System.nanoTime() - readStart) / 1e6;
    FitOptions options = FitOptions.defaults(fam);
    FitResult fit = null;
    for (int i = 0; i < warmup; i++) {
      fit = CountRegression.fit(model, options);
    }
    // Process CPU time (all threads: the fit may use two) is reported beside wall time: on a
    // shared, loaded machine it is far steadier, and it is what R's and Python's timers report.
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] millis = new double[repeats];
    double[] cpuMillis = new double[repeats];
    long batchCpu0 = os.getProcessCpuTime();
    for (int i = 0; i < repeats; i++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      fit = CountRegression.fit(model, options);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      cpuMillis[i] = (os.getProcessCpuTime() - cpu0) / 1e6;
    }
    // The process CPU clock ticks in 10 ms steps on Linux; the batch mean is finer.
    double cpuMean = (os.getProcessCpuTime() - batchCpu0) / 1e6 / repeats;
    double maxRel = expected == null ? Double.NaN : maxRelativeDifference(fit, expected);
    PrintWriter out = spec.commandLine().getOut();
    String source = data == null ? "generated" : data.toString();
    if (json) {
      ObjectNode o = Json.object();
      o.put("tool", "countcast " + fam.id());
      o.put("data", source);
      o.put("n", fit.n());
      o.put("p", fit.coefficients().size());
      o.put("readMillis", readMillis);
      o.putPOJO("fitMillis", millis);
      o.putPOJO("fitCpuMillis", cpuMillis);
      o.put("fitMillisMedian", median(millis));
      o.put("fitCpuMillisMedian", median(cpuMillis));
      o.put("fitCpuMillisMean", cpuMean);
      o.put("converged", fit.converged());
      o.put("iterations", fit.iterations());
      Json.put(o, "theta", fit.theta());
      Json.put(o, "maxRelativeCoefficientDifference", maxRel);
      ObjectNode coefficients = o.putObject("coefficients");
      for (Coefficient c : fit.coefficients()) {
        Json.put(coefficients, c.term(), c.estimate());
      }
      out.println(Json.write(o));
    } else {
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      out.println(String.format(Locale.ROOT,
          "%s fit of %s, %d rows x %d columns: median %.1f ms (min %.1f, max %.1f; CPU median"
              + " %.0f ms, mean %.1f ms) over %d runs after %d warm-up fits; converged=%s,"
              + " iterations=%d%s%s",
          fam.id(), source, fit.n(), fit.coefficients().size(), median(millis), sorted[0],
          sorted[repeats - 1], median(cpuMillis), cpuMean, repeats, warmup, fit.converged(),
          fit.iterations(),
          Double.isNaN(fit.theta()) ? "" : String.format(Locale.ROOT, ", theta=%.6f", fit.theta()),
          expected == null ? "" : String.format(Locale.ROOT, ", max |dbeta|/|beta| vs %s = %.2e",
              reference, maxRel)));
    }
    out.flush();
    return 0;
  }

  private ModelData readCsv() {
    return ModelInputs.of(CsvTable.read(data), formula, null, null, Map.of()).data();
  }

  /** The {@code coefficients} object of a bench-r.R result, by term. */
  private static Map<String, Double> readReference(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new CliException("--reference " + file + ": cannot read JSON (" + e.getMessage() + ")");
    }
    JsonNode coefficients = root.path("coefficients");
    if (!coefficients.isObject()) {
      throw new CliException("--reference " + file + ": no \"coefficients\" object");
    }
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    coefficients.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return out;
  }

  private double maxRelativeDifference(FitResult fit, Map<String, Double> expected) {
    double max = 0;
    for (Coefficient c : fit.coefficients()) {
      Double want = expected.get(c.term());
      if (want == null) {
        throw new CliException("--reference " + reference + " has no coefficient '" + c.term()
            + "'");
      }
      max = Math.max(max, Math.abs(c.estimate() - want) / Math.abs(want));
    }
    return max;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
