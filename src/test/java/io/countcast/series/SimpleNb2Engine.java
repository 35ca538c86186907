package io.countcast.series;

import io.countcast.model.Coefficient;
import io.countcast.model.DesignMatrix;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelData;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * A small Poisson / NB2 fitter used as a stand-in for the engine in series tests: IRLS at fixed θ
 * alternating with Newton steps on θ (as glm.nb does). NB1 and ZINB2 are not supported, so tests
 * that need them use the real engine. No standard errors: the series layer does not use them.
 */
final class SimpleNb2Engine implements CountEngine {

  @Override
  public FitResult fit(ModelData data, FitOptions options) {
    Family family = options.family();
    if (family != Family.POISSON && family != Family.NB2) {
      throw new UnsupportedOperationException("stand-in engine fits only poisson and nb2");
    }
    double[] y = data.y();
    DesignMatrix x = data.x();
    int n = y.length;
    int p = x.columns();
    double[] off = data.offset() == null ? new double[n] : data.offset();
    double[] beta = new double[p];
    double[] eta = new double[n];
    double[] mu = new double[n];
    for (int i = 0; i < n; i++) {
      mu[i] = y[i] + 0.1;
      eta[i] = Math.log(mu[i]);
    }
    double theta = Double.POSITIVE_INFINITY;
    int iterations = 0;
    boolean converged = false;
    double lastLl = Double.NEGATIVE_INFINITY;
    for (int outer = 0; outer < options.maxIterations(); outer++) {
      iterations++;
      irls(x, y, off, theta, beta, eta, mu, 25);
      if (family == Family.NB2) {
        theta = Nb2Theta.maximumLikelihood(y, mu,
            Double.isInfinite(theta) ? Nb2Theta.moment(y, mu) : theta);
      }
      double ll = logLik(y, mu, theta);
      if (Math.abs(ll - lastLl) < 1e-8 * (Math.abs(ll) + 1)) {
        converged = true;
        break;
      }
      lastLl = ll;
      if (family == Family.POISSON) {
        converged = true;
        break;
      }
    }
    double ll = logLik(y, mu, theta);
    int k = p + (family == Family.NB2 ? 1 : 0);
    List<Coefficient> coefs = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      coefs.add(new Coefficient(x.names().get(j), beta[j], Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN));
    }
    return new FitResult(family, n, coefs, List.of(), family == Family.NB2 ? theta : Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, ll, -2 * ll + 2 * k, -2 * ll + k * Math.log(n),
        Double.NaN, Double.NaN, n - p, new double[0], iterations, converged, List.of());
  }

  private static void irls(DesignMatrix x, double[] y, double[] off, double theta, double[] beta,
      double[] eta, double[] mu, int maxIter) {
    int n = y.length;
    int p = x.columns();
    double[] v = x.values();
    double lastDev = Double.POSITIVE_INFINITY;
    for (int it = 0; it < maxIter; it++) {
      double[][] xtwx = new double[p][p];
      double[] xtwz = new double[p];
      for (int i = 0; i < n; i++) {
        double w = Double.isInfinite(theta) ? mu[i] : mu[i] / (1 + mu[i] / theta);
        double z = eta[i] - off[i] + (y[i] - mu[i]) / mu[i];
        int r = i * p;
        for (int a = 0; a < p; a++) {
          double wa = w * v[r + a];
          xtwz[a] += wa * z;
          for (int b = 0; b <= a; b++) {
            xtwx[a][b] += wa * v[r + b];
          }
        }
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < a; b++) {
          xtwx[b][a] = xtwx[a][b];
        }
      }
      RealMatrix m = new Array2DRowRealMatrix(xtwx, false);
      double[] next = new LUDecomposition(m).getSolver()
          .solve(new ArrayRealVector(xtwz, false)).toArray();
      System.arraycopy(next, 0, beta, 0, p);
      double dev = 0;
      for (int i = 0; i < n; i++) {
        double e = off[i];
        int r = i * p;
        for (int a = 0; a < p; a++) {
          e += v[r + a] * beta[a];
        }
        eta[i] = e;
        mu[i] = Math.exp(e);
        dev -= y[i] * e - mu[i];
      }
      if (Math.abs(dev - lastDev) < 1e-9 * (Math.abs(dev) + 0.1)) {
        return;
      }
      lastDev = dev;
    }
  }

  static double logLik(double[] y, double[] mu, double theta) {
    double ll = 0;
    for (int i = 0; i < y.length; i++) {
      ll += logPmf(y[i], mu[i], theta);
    }
    return ll;
  }

  static double logPmf(double y, double mu, double theta) {
    if (Double.isInfinite(theta)) {
      return y * Math.log(mu) - mu - Gamma.logGamma(y + 1);
    }
    return Gamma.logGamma(y + theta) - Gamma.logGamma(theta) - Gamma.logGamma(y + 1)
        + theta * Math.log(theta / (theta + mu)) + y * Math.log(mu / (theta + mu));
  }

  @Override
  public CountPredictive distribution(Family family, double mean, double dispersion,
      double zeroProbability) {
    double theta = switch (family) {
      case POISSON -> Double.POSITIVE_INFINITY;
      case NB2 -> dispersion;
      default -> throw new UnsupportedOperationException("stand-in engine: poisson and nb2 only");
    };
    return new Nb2(mean, theta);
  }

  /** NB2 with size θ, Poisson when θ is infinite. */
  record Nb2(double mean, double theta) implements CountPredictive {

    @Override
    public double logPmf(long y) {
      return y < 0 ? Double.NEGATIVE_INFINITY : SimpleNb2Engine.logPmf(y, mean, theta);
    }

    @Override
    public double cdf(long y) {
      if (y < 0) {
        return 0;
      }
      if (Double.isInfinite(theta)) {
        return Gamma.regularizedGammaQ(y + 1.0, mean);
      }
      return Beta.regularizedBeta(theta / (theta + mean), theta, y + 1.0);
    }

    @Override
    public long quantile(double prob) {
      double var = Double.isInfinite(theta) ? mean : mean + mean * mean / theta;
      long y = Math.max(0, (long) Math.floor(mean + Math.sqrt(var) * normalQuantile(prob)));
      while (y > 0 && cdf(y - 1) >= prob) {
        y--;
      }
      while (cdf(y) < prob) {
        y++;
      }
      return y;
    }

    private static double normalQuantile(double prob) {
      return new org.apache.commons.math3.distribution.NormalDistribution()
          .inverseCumulativeProbability(prob);
    }
  }
}
