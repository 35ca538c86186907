package io.countcast.series;

import java.util.Arrays;

/**
 * The population stability index of a recent sample against a reference (training) sample:
 * PSI = Σ_b (r_b − t_b)·ln(r_b / t_b) over bins b, where t_b and r_b are the shares of the
 * reference and the recent sample in bin b. 0 for identical distributions; by the usual rule of
 * thumb, below 0.1 is stable, 0.1–0.25 a moderate shift, above 0.25 a major one.
 *
 * <p>Bins are cut at the reference's deciles, or other quantiles (the empirical quantile: the smallest value with
 * at least that share at or below it); tied deciles, common for counts, are merged, so a
 * constant reference (all zeros, say) has two bins: at or below the constant, and above it.
 * An empty bin would make the index infinite, so each share is smoothed with half a count
 * (Jeffreys): (n_b + ½) / (n + ½·B). Two equal samples then have an index near 0 whatever
 * their sizes, and a bin the reference never reached adds a large but finite term.
 */
public final class PopulationStability {

  /** Bins before ties are merged, by default: deciles. */
  public static final int BINS = 10;
  private static final double PSEUDO_COUNT = 0.5;

  private PopulationStability() {
  }

  /**
   * The PSI of {@code recent} against {@code reference}, or NaN when either is empty.
   *
   * @throws IllegalArgumentException if a value is NaN
   */
  public static double of(double[] reference, double[] recent) {
    return of(reference, recent, BINS);
  }

  /**
   * The PSI binned on {@code bins} quantiles of the reference (fewer bins for small samples:
   * the index of two samples of one distribution is about (bins − 1)(1/n + 1/m), not 0).
   */
  public static double of(double[] reference, double[] recent, int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("the PSI needs at least 2 bins, got " + bins);
    }
    if (reference.length == 0 || recent.length == 0) {
      return Double.NaN;
    }
    double[] cuts = cutPoints(reference, bins);
    double[] t = shares(reference, cuts);
    double[] r = shares(recent, cuts);
    double psi = 0;
    for (int b = 0; b < t.length; b++) {
      psi += (r[b] - t[b]) * Math.log(r[b] / t[b]);
    }
    return Math.max(0, psi);
  }

  /** The distinct deciles of {@code reference}, ascending: the upper edges of all bins but the last. */
  static double[] cutPoints(double[] reference) {
    return cutPoints(reference, BINS);
  }

  private static double[] cutPoints(double[] reference, int bins) {
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    if (Double.isNaN(sorted[sorted.length - 1])) {
      throw new IllegalArgumentException("a sample for the PSI holds NaN");
    }
    double[] cuts = new double[bins - 1];
    int n = 0;
    for (int q = 1; q < bins; q++) {
      int index = (int) Math.ceil((double) q * sorted.length / bins) - 1;
      double cut = sorted[Math.max(0, index)];
      if (n == 0 || cut > cuts[n - 1]) {
        cuts[n++] = cut;
      }
    }
    return Arrays.copyOf(cuts, n);
  }

  private static double[] shares(double[] sample, double[] cuts) {
    double[] counts = new double[cuts.length + 1];
    for (double x : sample) {
      if (Double.isNaN(x)) {
        throw new IllegalArgumentException("a sample for the PSI holds NaN");
      }
      int bin = Arrays.binarySearch(cuts, x);
      counts[bin >= 0 ? bin : -bin - 1]++;
    }
    double total = sample.length + PSEUDO_COUNT * counts.length;
    for (int b = 0; b < counts.length; b++) {
      counts[b] = (counts[b] + PSEUDO_COUNT) / total;
    }
    return counts;
  }
}
