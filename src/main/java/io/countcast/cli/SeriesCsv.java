package io.countcast.cli;

import io.countcast.model.data.Column;
import io.countcast.model.data.CsvTable;
import io.countcast.model.data.NumericColumn;
import io.countcast.model.data.TextColumn;
import io.countcast.series.CountSeries;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a count series from CSV: a time column (UTC {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, ISO-8601
 * instants, or epoch seconds) and a count column. Rows must be in time order on the window grid;
 * missing windows are simply absent rows.
 */
final class SeriesCsv {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]", Locale.ROOT);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

  private SeriesCsv() {
  }

  /** Reads a clocked series whose windows are {@code windowSeconds} long. */
  static CountSeries read(CsvTable table, String timeColumn, String valueColumn,
      long windowSeconds) {
    double[] y = table.counts(valueColumn);
    Column time = table.column(timeColumn);
    long[] starts = new long[y.length];
    long[] counts = new long[y.length];
    for (int i = 0; i < y.length; i++) {
      starts[i] = timeAt(table, time, timeColumn, i);
      counts[i] = (long) y[i];
      if (i > 0 && starts[i] <= starts[i - 1]) {
        throw table.errorAt(i, timeColumn, "time " + Instant.ofEpochSecond(starts[i])
            + " is not after the previous row's; rows must be in increasing time order");
      }
      if (Math.floorMod(starts[i] - starts[0], windowSeconds) != 0) {
        throw table.errorAt(i, timeColumn, "time " + Instant.ofEpochSecond(starts[i])
            + " is not a whole number of " + windowSeconds + " s windows after the first row");
      }
    }
    return CountSeries.of(windowSeconds, starts, counts);
  }

  /** Reads consecutive rows without a clock (the {@code --period} mode). */
  static CountSeries readRows(CsvTable table, String valueColumn) {
    double[] y = table.counts(valueColumn);
    long[] counts = new long[y.length];
    for (int i = 0; i < y.length; i++) {
      counts[i] = (long) y[i];
    }
    return CountSeries.ofRows(counts);
  }

  private static long timeAt(CsvTable table, Column column, String name, int row) {
    if (column instanceof NumericColumn) {
      double v = table.numbers(name)[row];
      if (v != Math.rint(v)) {
        throw table.errorAt(row, name, "epoch seconds must be whole, got " + v);
      }
      return (long) v;
    }
    String text = ((TextColumn) column).value(row);
    try {
      return parseTime(text);
    } catch (IllegalArgumentException e) {
      throw table.errorAt(row, name, e.getMessage());
    }
  }

  /** Parses a UTC time; throws IllegalArgumentException naming the text otherwise. */
  static long parseTime(String text) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.matches("-?\\d+")) {
        return Long.parseLong(t);
      }
      if (t.endsWith("Z") || t.contains("+")) {
        return Instant.parse(t).getEpochSecond();
      }
      return LocalDateTime.parse(t.replace('T', ' '), LOCAL).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read '" + t
          + "' as a time (expected yyyy-MM-dd HH:mm:ss in UTC, an ISO-8601 instant or epoch"
          + " seconds)");
    }
  }

  /** Parses {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} or {@code 2w} into seconds. */
  static long parseDuration(String option, String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) <= 0) {
      throw new CliException(option + " must be a positive duration like 30s, 5m, 1h, 7d or 2w,"
          + " got '" + text + "'");
    }
    long unit = switch (m.group(2)) {
      case "s" -> 1;
      case "m" -> 60;
      case "h" -> 3600;
      case "d" -> 86_400;
      default -> 604_800;
    };
    return Long.parseLong(m.group(1)) * unit;
  }

  /** Parses a positive row count for {@code --period} mode. */
  static long parseRows(String option, String text) {
    try {
      long v = Long.parseLong(text.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the option name
    }
    throw new CliException(option + " counts rows when --period is given: expected a positive"
        + " whole number, got '" + text + "'");
  }
}
