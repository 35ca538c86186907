package io.countcast.model;

/**
 * What a fit needs: counts, the count design, an offset (log exposure), prior weights, and for
 * ZINB2 the design of the logit zero part. Arrays are owned by the caller and never written.
 *
 * @param y non-negative integer counts, length n
 * @param x the count-part design, n×p
 * @param offset added to the linear predictor (e.g. log exposure); null means zeros
 * @param weights prior (frequency) weights; null means ones
 * @param zeroX the zero-inflation design (ZINB2 only); null means intercept only
 */
public record ModelData(double[] y, DesignMatrix x, double[] offset, double[] weights,
                        DesignMatrix zeroX) {

  public ModelData {
    int n = y.length;
    if (x.rows() != n) {
      throw new IllegalArgumentException("design has " + x.rows() + " rows but y has " + n);
    }
    if (offset != null && offset.length != n) {
      throw new IllegalArgumentException("offset has " + offset.length + " values, expected " + n);
    }
    if (weights != null && weights.length != n) {
      throw new IllegalArgumentException("weights has " + weights.length + " values, expected " + n);
    }
    if (zeroX != null && zeroX.rows() != n) {
      throw new IllegalArgumentException("zero design has " + zeroX.rows() + " rows, expected " + n);
    }
  }

  /** Counts and design only: no offset, unit weights. */
  public static ModelData of(double[] y, DesignMatrix x) {
    return new ModelData(y, x, null, null, null);
  }

  public int n() {
    return y.length;
  }
}
