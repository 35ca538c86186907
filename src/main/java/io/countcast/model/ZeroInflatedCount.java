package io.countcast.model;

/**
 * A count that is a structural zero with probability π and otherwise follows {@code base}:
 * P(0) = π + (1−π)·base(0), P(k) = (1−π)·base(k) for k &gt; 0.
 */
public record ZeroInflatedCount(double zeroProbability, CountDistribution base)
    implements CountDistribution {

  public ZeroInflatedCount {
    if (!(zeroProbability >= 0 && zeroProbability <= 1)) {
      throw new IllegalArgumentException("zero probability must be in [0, 1], got "
          + zeroProbability);
    }
  }

  @Override
  public double pmf(long k) {
    double p = (1 - zeroProbability) * base.pmf(k);
    return k == 0 ? zeroProbability + p : p;
  }

  @Override
  public void pmfs(long from, double[] out) {
    base.pmfs(from, out);
    for (int j = 0; j < out.length; j++) {
      out[j] *= 1 - zeroProbability;
      if (from + j == 0) {
        out[j] += zeroProbability;
      }
    }
  }

  @Override
  public double logPmf(long k) {
    if (k != 0) {
      return Math.log1p(-zeroProbability) + base.logPmf(k);
    }
    return Math.log(pmf(0));
  }

  @Override
  public double cdf(long k) {
    return k < 0 ? 0 : zeroProbability + (1 - zeroProbability) * base.cdf(k);
  }

  @Override
  public double exceedance(long k) {
    return k < 0 ? 1 : (1 - zeroProbability) * base.exceedance(k);
  }

  @Override
  public double mean() {
    return (1 - zeroProbability) * base.mean();
  }

  @Override
  public double variance() {
    double m = base.mean();
    return (1 - zeroProbability) * (base.variance() + zeroProbability * m * m);
  }
}
