package io.countcast.series;

import java.util.ArrayList;
import java.util.List;

/**
 * How the surge probability behaved around labelled surge periods.
 *
 * <p>The surge probability P(any window of the next horizon exceeds K) is evaluated at a series
 * of origins; an origin "alarms" when it is at least {@code level}. A labelled period
 * [s, e] is detected when some origin in [s − lookback, e] alarms; the lead time is s minus the
 * earliest such origin (negative when the first alarm came after the period started). An alarm
 * episode (a run of consecutive alarming origins) that starts outside every [s − lookback, e]
 * is a false alarm; the false-alarm rate divides their number by the time covered by origins
 * outside those zones, in units of {@code rateUnit}: a week for a clocked series, one period of
 * rows in row mode (a series without a clock has no weeks).
 *
 * @param level probability level that counts as an alarm
 * @param lookbackSeconds how long before a labelled start an alarm still counts for it
 * @param origins number of origins evaluated
 * @param labels one result per labelled period
 * @param falseAlarms false alarm episodes
 * @param rateUnit the unit of the false-alarm rate, in seconds (rows in row mode)
 * @param falseAlarmRate false alarm episodes per {@code rateUnit} outside labelled zones
 * @param brier Brier score of the surge probability against "some window of the horizon
 *     exceeded K" (NaN when no origin's horizon was observed)
 */
public record SurgeReport(double level, long lookbackSeconds, int origins,
                          List<LabelResult> labels, int falseAlarms, long rateUnit,
                          double falseAlarmRate, double brier) {

  public SurgeReport {
    labels = List.copyOf(labels);
  }

  /**
   * @param start labelled start
   * @param end labelled end
   * @param covered whether any evaluated origin lies in [start − lookback, end]
   * @param detected whether an origin in that zone alarmed
   * @param leadSeconds start minus the first alarm in the zone; null when not detected
   */
  public record LabelResult(long start, long end, boolean covered, boolean detected,
                            Long leadSeconds) { }

  /**
   * Scores surge probabilities.
   *
   * @param origins evaluation times, increasing, spaced {@code spacing} seconds apart when
   *     consecutive
   * @param probabilities surge probability at each origin
   * @param outcomes per origin: 1 if a window of its horizon exceeded K, 0 if none did, −1 if
   *     none of them was observed
   */
  static SurgeReport score(long[] origins, double[] probabilities, int[] outcomes, long spacing,
      List<LabelledWindow> labels, double level, long lookback, long rateUnit) {
    List<LabelResult> results = new ArrayList<>();
    for (LabelledWindow w : labels) {
      boolean covered = false;
      Long lead = null;
      for (int i = 0; i < origins.length; i++) {
        if (origins[i] >= w.start() - lookback && origins[i] <= w.end()) {
          covered = true;
          if (lead == null && probabilities[i] >= level) {
            lead = w.start() - origins[i];
          }
        }
      }
      results.add(new LabelResult(w.start(), w.end(), covered, lead != null, lead));
    }
    int falseAlarms = 0;
    int outside = 0;
    for (int i = 0; i < origins.length; i++) {
      boolean inZone = inZone(origins[i], labels, lookback);
      if (!inZone) {
        outside++;
      }
      boolean alarm = probabilities[i] >= level;
      boolean continues = i > 0 && probabilities[i - 1] >= level
          && origins[i] - origins[i - 1] <= spacing;
      if (alarm && !continues && !inZone) {
        falseAlarms++;
      }
    }
    double units = outside * (double) spacing / rateUnit;
    double brier = 0;
    int observed = 0;
    for (int i = 0; i < origins.length; i++) {
      if (outcomes[i] >= 0) {
        double d = probabilities[i] - outcomes[i];
        brier += d * d;
        observed++;
      }
    }
    return new SurgeReport(level, lookback, origins.length, results, falseAlarms, rateUnit,
        units > 0 ? falseAlarms / units : 0.0, observed > 0 ? brier / observed : Double.NaN);
  }

  private static boolean inZone(long t, List<LabelledWindow> labels, long lookback) {
    for (LabelledWindow w : labels) {
      if (t >= w.start() - lookback && t <= w.end()) {
        return true;
      }
    }
    return false;
  }
}
