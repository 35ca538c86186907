package io.countcast.cli;

import io.countcast.signal.ArchivedWindow;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.SignalState;
import io.countcast.signal.WindowSample;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored history of a CountForecast as CSV, one row per closed window, oldest first: the
 * window's count and exposure and, where the prediction archive has it, the forecast made for
 * it and its scores. Windows the archive kept but the history no longer has (it is bounded, or
 * was restarted) are listed too, from the archive.
 *
 * <pre>
 * start,end,observed,exposure,expected,lower,upper,model_version,anomaly_score,tail_probability,
 *   pit,log_score
 * </pre>
 * {@code anomaly_score} is 1 − {@code tail_probability} (near 1 for a burst), as in the status;
 * {@code tail_probability} is P(count ≥ observed), countcast detect's score. Forecast columns
 * are empty for windows with no archived forecast (before the first model).
 */
final class HistoryCsv {

  static final String HEADER =
      "start,end,observed,exposure,expected,lower,upper,model_version,anomaly_score,"
          + "tail_probability,pit,log_score";

  private record Row(long start, long end, long observed, double exposure, ArchivedWindow forecast) {}

  private HistoryCsv() {
  }

  /** Writes the rows of {@code history} and {@code archive} (either may be null). */
  static void write(SignalState history, PredictionArchive archive, PrintWriter out) {
    Map<Long, Row> rows = new TreeMap<>();
    if (archive != null) {
      for (ArchivedWindow w : archive.closed()) {
        rows.put(w.startEpochSecond(), new Row(w.startEpochSecond(), w.endEpochSecond(),
            w.observed(), w.exposure(), w));
      }
    }
    if (history != null) {
      for (WindowSample s : history.samples()) {
        Row archived = rows.get(s.startEpochSecond());
        rows.put(s.startEpochSecond(), new Row(s.startEpochSecond(), s.endEpochSecond(),
            s.count(), s.exposure(), archived == null ? null : archived.forecast()));
      }
    }
    out.println(HEADER);
    for (Row row : rows.values()) {
      StringBuilder line = new StringBuilder(128)
          .append(Instant.ofEpochSecond(row.start())).append(',')
          .append(Instant.ofEpochSecond(row.end())).append(',')
          .append(row.observed()).append(',').append(number(row.exposure(), 3));
      ArchivedWindow f = row.forecast();
      if (f == null) {
        line.append(",,,,,,,,");
      } else {
        line.append(',').append(number(f.prediction().expected(), 2))
            .append(',').append(f.prediction().lower())
            .append(',').append(f.prediction().upper())
            .append(',').append(f.prediction().version())
            .append(',').append(number(1 - f.tailProbability(), 6))
            .append(',').append(String.format(Locale.ROOT, "%.6g", f.tailProbability()))
            .append(',').append(number(f.pit(), 6))
            .append(',').append(number(f.logScore(), 6));
      }
      out.println(line);
    }
  }

  private static String number(double value, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "");
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
    return s.equals("-0") ? "0" : s;
  }
}
