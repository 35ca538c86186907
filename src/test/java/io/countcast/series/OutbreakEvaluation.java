package io.countcast.series;

import io.countcast.model.data.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a detector on the simulated weekly outbreaks that {@code scripts/fixtures/
 * make-outbreaks.R} wrote, with the R script's definitions: over the monitored weeks (rows
 * 104..207), sensitivity = alarmed outbreak weeks / outbreak weeks, false-alarm rate = alarmed
 * other weeks / other weeks, detected share = outbreaks with an alarm in one of their weeks /
 * outbreaks, delay = weeks from an outbreak's first week to its first alarmed week (mean over
 * detected outbreaks).
 */
final class OutbreakEvaluation {

  static final Path DIR = Path.of("src", "test", "resources", "fixtures", "weekly");
  static final int TRAIN = 104;

  /** One series: its counts and outbreak ids per week (0: none; negative: a training outbreak). */
  record Series(String name, String scenario, long[] counts, int[] labels) { }

  record Metrics(double sensitivity, double falseAlarmRate, double detectedShare,
                 double meanDelay, int outbreakWeeks, int otherWeeks, int outbreaks) {

    String row(String method) {
      return String.format(Locale.ROOT, "| %s | %.3f | %.4f | %.3f | %.2f | %d | %d | %d |",
          method, sensitivity, falseAlarmRate, detectedShare, meanDelay, outbreakWeeks,
          otherWeeks, outbreaks);
    }
  }

  static List<Series> load() {
    CsvTable values = CsvTable.read(DIR.resolve("outbreaks.csv"));
    CsvTable labels = CsvTable.read(DIR.resolve("outbreak-labels.csv"));
    List<Series> out = new ArrayList<>();
    for (String name : values.columnNames()) {
      if (name.equals("week")) {
        continue;
      }
      double[] v = values.numbers(name);
      double[] l = labels.numbers(name);
      long[] counts = new long[v.length];
      int[] ids = new int[l.length];
      for (int i = 0; i < v.length; i++) {
        counts[i] = (long) v[i];
        ids[i] = (int) l[i];
      }
      out.add(new Series(name, name.substring(0, name.lastIndexOf('-')), counts, ids));
    }
    return out;
  }

  /** The R reference rows: method → scenario → metrics. */
  static Map<String, Map<String, Metrics>> reference() {
    CsvTable t = CsvTable.read(DIR.resolve("outbreak-reference.csv"));
    Map<String, Map<String, Metrics>> out = new LinkedHashMap<>();
    for (int r = 0; r < t.rows(); r++) {
      String method = ((io.countcast.model.data.TextColumn) t.column("method")).value(r);
      String scenario = ((io.countcast.model.data.TextColumn) t.column("scenario")).value(r);
      out.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(scenario, new Metrics(
          t.numbers("sensitivity")[r], t.numbers("falseAlarmRate")[r],
          t.numbers("detectedShare")[r], t.numbers("meanDelay")[r],
          (int) t.numbers("outbreakWeeks")[r], (int) t.numbers("otherWeeks")[r],
          (int) t.numbers("outbreaks")[r]));
    }
    return out;
  }

  /**
   * The per-week alarms of an R detector ({@code farringtonFlexible} or {@code glrnb}) on each
   * series, from {@code outbreak-alarms.csv} (scripts/fixtures/outbreak-alarms.R), in the
   * order of {@code series}: one boolean per monitored week.
   */
  static List<boolean[]> referenceAlarms(String method, List<Series> series) {
    CsvTable t = CsvTable.read(DIR.resolve("outbreak-alarms.csv"));
    io.countcast.model.data.TextColumn names =
        (io.countcast.model.data.TextColumn) t.column("series");
    double[] week = t.numbers("week");
    double[] alarm = t.numbers(method);
    Map<String, boolean[]> byName = new LinkedHashMap<>();
    for (int r = 0; r < t.rows(); r++) {
      int length = series.get(0).counts().length - TRAIN;
      byName.computeIfAbsent(names.value(r), k -> new boolean[length])
          [(int) week[r] - TRAIN] = alarm[r] != 0;
    }
    List<boolean[]> out = new ArrayList<>();
    for (Series s : series) {
      boolean[] a = byName.get(s.name());
      if (a == null) {
        throw new IllegalStateException("no " + method + " alarms for " + s.name());
      }
      out.add(a);
    }
    return out;
  }

  /**
   * The series of replicates 1..4 of each scenario ({@code tuning}) or 5..8 (the held-out half):
   * the detector's settings were chosen on the first half only.
   */
  static boolean inTuningHalf(Series s) {
    return Integer.parseInt(s.name().substring(s.name().lastIndexOf('-') + 1)) <= 4;
  }

  /** Metrics of alarms (one boolean per monitored week, rows 104..) over the given series. */
  static Metrics score(List<Series> series, List<boolean[]> alarms) {
    int ow = 0;
    int oa = 0;
    int nw = 0;
    int na = 0;
    int outbreaks = 0;
    int detected = 0;
    double delays = 0;
    for (int s = 0; s < series.size(); s++) {
      int[] lab = series.get(s).labels();
      boolean[] a = alarms.get(s);
      Map<Integer, int[]> firstAndHit = new LinkedHashMap<>();
      for (int i = TRAIN; i < lab.length; i++) {
        boolean alarm = a[i - TRAIN];
        if (lab[i] > 0) {
          ow++;
          oa += alarm ? 1 : 0;
          int[] fh = firstAndHit.computeIfAbsent(lab[i], k -> new int[] {-1, -1});
          if (fh[0] < 0) {
            fh[0] = i;
          }
          if (alarm && fh[1] < 0) {
            fh[1] = i;
          }
        } else {
          nw++;
          na += alarm ? 1 : 0;
        }
      }
      for (int[] fh : firstAndHit.values()) {
        outbreaks++;
        if (fh[1] >= 0) {
          detected++;
          delays += fh[1] - fh[0];
        }
      }
    }
    return new Metrics((double) oa / ow, (double) na / nw, (double) detected / outbreaks,
        detected == 0 ? Double.NaN : delays / detected, ow, nw, outbreaks);
  }

  /**
   * Delays on the outbreaks both detectors detect (a paired comparison of earliness; the mean
   * delay over each detector's own detected outbreaks also depends on which outbreaks it finds).
   *
   * @param both outbreaks with an alarm from each detector
   * @param delayA total weeks to the first alarm of detector A over those outbreaks
   * @param delayB the same for detector B
   * @param onlyA outbreaks only A detects
   * @param onlyADelay their total delay under A
   * @param onlyB outbreaks only B detects
   */
  record Paired(int both, int delayA, int delayB, int onlyA, int onlyADelay, int onlyB) { }

  static Paired paired(List<Series> series, List<boolean[]> a, List<boolean[]> b) {
    int both = 0;
    int da = 0;
    int db = 0;
    int onlyA = 0;
    int onlyADelay = 0;
    int onlyB = 0;
    for (int s = 0; s < series.size(); s++) {
      int[] lab = series.get(s).labels();
      Map<Integer, int[]> firsts = new LinkedHashMap<>(); // id -> first week, first A, first B
      for (int i = TRAIN; i < lab.length; i++) {
        if (lab[i] <= 0) {
          continue;
        }
        int[] f = firsts.computeIfAbsent(lab[i], k -> new int[] {-1, -1, -1});
        f[0] = f[0] < 0 ? i : f[0];
        f[1] = f[1] < 0 && a.get(s)[i - TRAIN] ? i : f[1];
        f[2] = f[2] < 0 && b.get(s)[i - TRAIN] ? i : f[2];
      }
      for (int[] f : firsts.values()) {
        if (f[1] >= 0 && f[2] >= 0) {
          both++;
          da += f[1] - f[0];
          db += f[2] - f[0];
        } else if (f[1] >= 0) {
          onlyA++;
          onlyADelay += f[1] - f[0];
        } else if (f[2] >= 0) {
          onlyB++;
        }
      }
    }
    return new Paired(both, da, db, onlyA, onlyADelay, onlyB);
  }

  /** The elements of {@code values} whose series are in the tuning half (or the other half). */
  static <T> List<T> half(List<Series> series, List<T> values, boolean tuning) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      if (inTuningHalf(series.get(i)) == tuning) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  /** Runs the detector on every series: the scores of the monitored weeks, per series. */
  static List<double[]> scores(List<Series> series, ForecastSpec spec) {
    OutbreakDetector detector = new OutbreakDetector(RegressionEngine.INSTANCE);
    List<double[]> out = new ArrayList<>();
    for (Series s : series) {
      List<AnomalyScore.Window> w = detector.run(CountSeries.ofRows(s.counts()), spec,
          AnomalyScore.DEFAULT_ALARM_THRESHOLD);
      out.add(w.stream().mapToDouble(AnomalyScore.Window::score).toArray());
    }
    return out;
  }

  /** Alarms of the monitored weeks at a threshold, per series. */
  static List<boolean[]> alarms(List<double[]> scores, double threshold) {
    List<boolean[]> out = new ArrayList<>();
    for (double[] s : scores) {
      boolean[] a = new boolean[s.length];
      for (int i = 0; i < a.length; i++) {
        a[i] = AnomalyScore.alarms(s[i], threshold);
      }
      out.add(a);
    }
    return out;
  }

  /** The spec {@code countcast detect --period 52 --train 104} uses. */
  static ForecastSpec weeklySpec() {
    return ForecastSpec.defaults(Seasonality.ofRows(52), ForecastSpec.ROW_LEVELS, 1, TRAIN, 0);
  }

  /** Prints the table rows for the given thresholds (default: the default threshold). */
  public static void main(String[] args) {
    List<Series> series = load();
    long t0 = System.nanoTime();
    List<double[]> scores = scores(series, weeklySpec());
    System.out.printf(Locale.ROOT, "%.1f s%n", (System.nanoTime() - t0) / 1e9);
    String[] thresholds = args.length > 0 ? args
        : new String[] {"" + AnomalyScore.DEFAULT_ALARM_THRESHOLD};
    for (String t : thresholds) {
      List<boolean[]> alarms = alarms(scores, Double.parseDouble(t));
      System.out.println(score(series, alarms).row("countcast detect " + t));
      for (String scenario : series.stream().map(Series::scenario).distinct().toList()) {
        List<Series> sub = new ArrayList<>();
        List<boolean[]> subAlarms = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
          if (series.get(i).scenario().equals(scenario)) {
            sub.add(series.get(i));
            subAlarms.add(alarms.get(i));
          }
        }
        System.out.println(score(sub, subAlarms).row("  " + scenario));
      }
    }
  }
}
