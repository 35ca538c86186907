package io.countcast.model.bench;

import io.countcast.model.CountDistribution;
import io.countcast.model.Family;
import io.countcast.model.NegBinomialCount;
import io.countcast.model.ParameterUncertainty;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The forecast step of one window as the series forecaster and the backtest do it: build the
 * predictive distribution at a mean of about 60 (an AMZN-like count) and read its 5% and 95%
 * quantiles and one exceedance, with parameter uncertainty ({@code posterior}: the variance
 * of η from a 14-column covariance, then the moment-matched NB2) or plug-in.
 *
 * <p>Run: {@code java -cp "target/test-classes:target/classes:$(cat target/cp.txt)"
 * org.openjdk.jmh.Main PredictiveBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PredictiveBenchmark {

  private static final int P = 14;

  @Param({"posterior", "plugin"})
  public String mode;

  private final double[] x = new double[P];
  private final double[] covariance = new double[P * P];
  private double eta;

  public PredictiveBenchmark() {
    for (int i = 0; i < P; i++) {
      x[i] = Math.sin(i + 1.0);
      for (int j = 0; j < P; j++) {
        covariance[i * P + j] = (i == j ? 4e-4 : 1e-5);
      }
    }
    eta = Math.log(60);
  }

  @Benchmark
  public double forecastOneWindow() {
    CountDistribution p;
    if (mode.equals("posterior")) {
      double s2 = ParameterUncertainty.quadraticForm(x, P, covariance, P);
      p = ParameterUncertainty.predictive(Family.NB2, eta, s2, 4.0, 0.08, 0);
    } else {
      p = new NegBinomialCount(Math.exp(eta), 4.0);
    }
    return p.quantile(0.05) + p.quantile(0.95) + p.exceedance(150);
  }
}
