package io.countcast.operator;

import io.countcast.series.PopulationStability;
import io.countcast.signal.ModelVersion;
import io.countcast.signal.SeriesArrays;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Has the data moved away from what the model was trained on? Compares the newest
 * {@value #RECENT_WINDOWS} windows' counts and exposure with the model's training windows by
 * the population stability index ({@link PopulationStability}), binned on the training
 * windows' quintiles. Pure.
 *
 * <p>Seasonal series would look drifted at every peak if an hour were compared with a whole
 * week, so the reference is the training windows <em>at the same phase</em> of the shortest
 * configured seasonality as the recent ones (the same hours of the previous days, for a daily
 * cycle), and all training windows without seasonality. Windows without exposure (gaps) are
 * left out, as the model leaves them out. The check needs a reference at least twice the recent
 * sample; until then there is no report.
 *
 * <p>Thresholds: a PSI above {@value #THRESHOLD} (the usual "major shift") in either the counts
 * or the exposure is drift, provided it is also beyond what sampling noise gives two samples of
 * one distribution: for samples of n and m windows in B bins, m·n/(m + n)·PSI is about
 * χ²(B − 1), so the index must exceed χ²(B − 1) at 0.999 × (1/n + 1/m) too (about 0.9 for an
 * hour-of-day reference of six days, 1.15 of two). A doubling of traffic scores 2 and more;
 * a stationary seasonal series stays well below. It triggers a retraining before trainEvery is due only when the
 * current model has seen none of the recent windows, so a persistent shift retrains at most
 * once per {@value #RECENT_WINDOWS} windows.
 */
final class DriftCheck {

  /** PSI above which the counts or the exposure have drifted. */
  static final double THRESHOLD = 0.25;
  /** Windows in the recent sample: two hours of 5-minute windows. */
  static final int RECENT_WINDOWS = 24;
  /** Quintiles: enough bins to see a shift, few enough for samples of a few dozen windows. */
  static final int BINS = 5;
  /** χ²(BINS − 1) at 0.999: what noise alone exceeds once in a thousand checks. */
  private static final double NOISE_QUANTILE =
      new ChiSquaredDistribution(BINS - 1).inverseCumulativeProbability(0.999);

  /**
   * One drift check.
   *
   * @param recentWindows windows in the recent sample
   * @param referenceWindows training windows they were compared with
   * @param countPsi PSI of the counts
   * @param exposurePsi PSI of the exposure
   * @param threshold the PSI above which this comparison is drift
   * @param unseen whether the current model was trained before every recent window
   */
  record Report(int recentWindows, int referenceWindows, double countPsi, double exposurePsi,
      double threshold, boolean unseen) {

    /** The larger of the two indices. */
    double psi() {
      return Math.max(countPsi, exposurePsi);
    }

    boolean drifted() {
      return psi() > threshold;
    }

    /** Drift the current model has not been trained on: retrain now. */
    boolean retrain() {
      return drifted() && unseen;
    }

    /** What drifted, for a condition or an Event. */
    String describe() {
      return String.format(java.util.Locale.ROOT, "population stability index of the last %d"
          + " windows against %d training windows at the same phase: counts %.2f, exposure"
          + " %.2f (drift above %.2f)", recentWindows, referenceWindows, countPsi, exposurePsi,
          threshold);
    }
  }

  private DriftCheck() {
  }

  /** The drift of {@code history} from {@code model}'s training windows, or null if unknown. */
  static Report of(SeriesArrays history, ModelVersion model, ForecastPlan plan) {
    if (model == null) {
      return null;
    }
    long window = plan.windows().windowSeconds();
    long season = plan.model().seasonality().stream().mapToLong(s -> s.period().getSeconds())
        .min().orElse(window);
    int n = history.size();
    long[] starts = history.epochSeconds();
    int[] recent = new int[RECENT_WINDOWS];
    int r = 0;
    for (int i = n - 1; i >= 0 && r < RECENT_WINDOWS; i--) {
      if (history.exposure()[i] > 0) {
        recent[r++] = i;
      }
    }
    if (r < RECENT_WINDOWS) {
      return null;
    }
    long firstRecent = starts[recent[RECENT_WINDOWS - 1]];
    Set<Long> phases = new HashSet<>();
    for (int i : recent) {
      phases.add(Math.floorMod(starts[i], season));
    }
    int[] reference = new int[n];
    int m = 0;
    for (int i = 0; i < n && starts[i] < firstRecent; i++) {
      if (history.exposure()[i] > 0 && starts[i] >= model.trainedFromEpochSecond()
          && starts[i] + window <= model.trainedToEpochSecond()
          && phases.contains(Math.floorMod(starts[i], season))) {
        reference[m++] = i;
      }
    }
    if (m < 2 * RECENT_WINDOWS) {
      return null;
    }
    int[] ref = Arrays.copyOf(reference, m);
    double threshold = Math.max(THRESHOLD,
        NOISE_QUANTILE * (1.0 / RECENT_WINDOWS + 1.0 / m));
    return new Report(RECENT_WINDOWS, m,
        PopulationStability.of(pick(history.counts(), ref), pick(history.counts(), recent), BINS),
        PopulationStability.of(pick(history.exposure(), ref), pick(history.exposure(), recent),
            BINS), threshold, model.trainedToEpochSecond() <= firstRecent);
  }

  private static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }
}
