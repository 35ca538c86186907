package io.countcast.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.series.BacktestReport;
import io.countcast.series.BacktestWindow;
import io.countcast.series.ForecastScores;
import io.countcast.series.SkippedOrigin;
import io.countcast.series.SurgeReport;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A backtest report as the CLI shows it: the text summary, the JSON object (with the windows
 * when asked) and the per-window CSV. Times are ISO-8601 instants; in row mode they are row
 * indices and rates are per period of rows, never calendar units.
 */
final class BacktestFormat {

  /** The models in the order every table lists them, with their JSON names. */
  private static final List<String> MODELS =
      List.of("model", "poisson", "seasonalNaive", "lastValue");

  private final boolean rows;
  private final BacktestReport report;
  private final Map<String, Function<BacktestWindow, Object>> columns;

  BacktestFormat(boolean rows, BacktestReport report) {
    this.rows = rows;
    this.report = report;
    this.columns = columns();
  }

  /** A time for people: an instant, or the row index in row mode. */
  static String time(long t, boolean rows) {
    return rows ? Long.toString(t) : Instant.ofEpochSecond(t).toString();
  }

  /**
   * The per-window columns. {@code lower} and {@code upper} bound the central 90% predictive
   * interval; {@code pit} is the randomized PIT; {@code pExceed} is P(count &gt; K) for the
   * window and {@code surgeProbability} P(some window of the origin's horizon exceeds K);
   * {@code alarm} says whether that reached the surge level; {@code anomalyScore} is
   * P(count ≥ observed) under the forecast (small is surprising, as {@code countcast detect}
   * scores windows). Skipped origins' windows carry
   * only the observed count and the reason in {@code note}.
   */
  private Map<String, Function<BacktestWindow, Object>> columns() {
    Map<String, Function<BacktestWindow, Object>> c = new LinkedHashMap<>();
    c.put("origin", w -> rows ? (Object) w.origin() : time(w.origin(), false));
    c.put(rows ? "row" : "time", w -> rows ? (Object) w.start() : time(w.start(), false));
    c.put("step", BacktestWindow::step);
    c.put("observed", BacktestWindow::observed);
    c.put("expected", w -> w.model() == null ? null : w.model().mean());
    c.put("median", w -> w.model() == null ? null : w.model().median());
    c.put("lower", w -> w.model() == null ? null : w.model().lower90());
    c.put("upper", w -> w.model() == null ? null : w.model().upper90());
    c.put("pit", w -> w.model() == null ? null : w.model().pit());
    c.put("pExceed", w -> w.model() == null ? null : w.model().exceedance());
    c.put("surgeProbability", BacktestWindow::surgeProbability);
    c.put("alarm", w -> w.model() == null ? null : w.alarm());
    c.put("anomalyScore", BacktestWindow::anomalyScore);
    c.put("poissonExpected", BacktestWindow::poissonExpected);
    c.put("naiveExpected", BacktestWindow::naiveExpected);
    c.put("lastValueExpected", BacktestWindow::lastValueExpected);
    c.put("note", BacktestWindow::note);
    return c;
  }

  List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  void writeCsv(Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", columns.keySet()));
      out.write('\n');
      for (BacktestWindow w : report.perWindow()) {
        List<String> cells = new ArrayList<>(columns.size());
        for (Function<BacktestWindow, Object> f : columns.values()) {
          cells.add(csvCell(f.apply(w)));
        }
        out.write(String.join(",", cells));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new CliException(file + ": cannot write the windows CSV (" + e.getMessage() + ")");
    }
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? number(d) : "";
    }
    String s = v.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** Six significant digits, no exponent, no trailing zeros. */
  private static String number(double d) {
    BigDecimal b = new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
  }

  ObjectNode json(boolean withWindows) {
    BacktestReport r = report;
    ObjectNode o = Json.object();
    o.put("mode", rows ? "rows" : "clock");
    o.put("family", r.family());
    o.put("folds", r.folds());
    o.put("skippedOrigins", r.skipped().size());
    o.put("windowsScored", r.windows());
    o.put("threshold", r.threshold());
    // the model's headline scores at the top level, as before
    Json.put(o, "mae", r.mae());
    Json.put(o, "naiveMae", r.naiveMae());
    Json.put(o, "poissonMae", r.poissonMae());
    Json.put(o, "logScore", r.logScore());
    Json.put(o, "poissonLogScore", r.poissonLogScore());
    Json.put(o, "naiveLogScore", r.naiveLogScore());
    Json.put(o, "coverage50", r.coverage50());
    Json.put(o, "coverage90", r.coverage90());
    Json.put(o, "pit90", r.pit90());
    Json.put(o, "brier", r.brier());
    ObjectNode scores = o.putObject("scores");
    List<ForecastScores> all = List.of(r.model(), r.poisson(), r.naive(), r.lastValue());
    for (int m = 0; m < MODELS.size(); m++) {
      scores.set(MODELS.get(m), scoresJson(all.get(m)));
    }
    ObjectNode choices = o.putObject("choices");
    r.choices().forEach(choices::put);
    ArrayNode skipped = o.putArray("skipped");
    for (SkippedOrigin s : r.skipped()) {
      ObjectNode so = skipped.addObject();
      putTime(so, "origin", s.origin());
      so.put("reason", s.reason());
    }
    o.set("surge", surgeJson(r.surge()));
    if (withWindows) {
      ArrayNode windows = o.putArray("windows");
      for (BacktestWindow w : r.perWindow()) {
        ObjectNode wo = windows.addObject();
        columns.forEach((name, f) -> {
          Object v = f.apply(w);
          if (v == null) {
            wo.putNull(name);
          } else if (v instanceof Double d) {
            Json.put(wo, name, d);
          } else if (v instanceof Long l) {
            wo.put(name, l);
          } else if (v instanceof Integer i) {
            wo.put(name, i);
          } else if (v instanceof Boolean b) {
            wo.put(name, b);
          } else {
            wo.put(name, v.toString());
          }
        });
      }
    }
    return o;
  }

  private static ObjectNode scoresJson(ForecastScores s) {
    ObjectNode o = Json.object();
    o.put("windows", s.windows());
    Json.put(o, "logScore", s.logScore());
    Json.put(o, "crps", s.crps());
    Json.put(o, "interval80", s.interval80());
    Json.put(o, "interval90", s.interval90());
    Json.put(o, "mae", s.mae());
    Json.put(o, "mase", s.mase());
    Json.put(o, "coverage50", s.coverage50());
    Json.put(o, "coverage80", s.coverage80());
    Json.put(o, "coverage90", s.coverage90());
    Json.put(o, "pit90", s.pit90());
    Json.put(o, "brier", s.brier());
    return o;
  }

  private void putTime(ObjectNode o, String field, long t) {
    if (rows) {
      o.put(field, t);
    } else {
      o.put(field, time(t, false));
    }
  }

  private ObjectNode surgeJson(SurgeReport s) {
    ObjectNode o = Json.object();
    Json.put(o, "level", s.level());
    o.put("origins", s.origins());
    o.put("falseAlarms", s.falseAlarms());
    if (rows) {
      o.put("periodRows", s.rateUnit());
      Json.put(o, "falseAlarmsPerPeriod", s.falseAlarmRate());
      o.put("lookbackRows", s.lookbackSeconds());
    } else {
      Json.put(o, "falseAlarmsPerWeek", s.falseAlarmRate());
      o.put("lookbackSeconds", s.lookbackSeconds());
    }
    Json.put(o, "brier", s.brier());
    ArrayNode labelArray = o.putArray("labels");
    for (SurgeReport.LabelResult l : s.labels()) {
      ObjectNode lo = labelArray.addObject();
      putTime(lo, "start", l.start());
      putTime(lo, "end", l.end());
      lo.put("covered", l.covered());
      lo.put("detected", l.detected());
      if (l.leadSeconds() == null) {
        lo.putNull(rows ? "leadRows" : "leadSeconds");
      } else {
        lo.put(rows ? "leadRows" : "leadSeconds", l.leadSeconds());
      }
    }
    return o;
  }

  String text() {
    BacktestReport r = report;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "origins %d scored, %d skipped; windows scored %d;"
        + " family %s %s%n", r.folds(), r.skipped().size(), r.windows(), r.family(),
        r.choices()));
    b.append(String.format(Locale.ROOT, "%-12s %11s %11s %11s %11s%n", "", "model", "poisson",
        "s-naive", "last-value"));
    List<ForecastScores> all = List.of(r.model(), r.poisson(), r.naive(), r.lastValue());
    row(b, "log score", all, ForecastScores::logScore, "%11.3f");
    row(b, "CRPS", all, ForecastScores::crps, "%11.3f");
    row(b, "interval80", all, ForecastScores::interval80, "%11.2f");
    row(b, "interval90", all, ForecastScores::interval90, "%11.2f");
    row(b, "MAE", all, ForecastScores::mae, "%11.3f");
    row(b, "MASE", all, ForecastScores::mase, "%11.3f");
    row(b, "coverage50", all, ForecastScores::coverage50, "%11.3f");
    row(b, "coverage80", all, ForecastScores::coverage80, "%11.3f");
    row(b, "coverage90", all, ForecastScores::coverage90, "%11.3f");
    row(b, "pit90", all, ForecastScores::pit90, "%11.3f");
    row(b, "brier(P>" + r.threshold() + ")", all, ForecastScores::brier, "%11.4f");
    SurgeReport s = r.surge();
    String per = rows ? "per period of " + s.rateUnit() + " rows" : "per week";
    b.append(String.format(Locale.ROOT, "surge: %d origins, %d false alarms (%.2f %s),"
        + " brier %.4f%n", s.origins(), s.falseAlarms(), s.falseAlarmRate(), per, s.brier()));
    for (SurgeReport.LabelResult l : s.labels()) {
      b.append(String.format(Locale.ROOT, "  label %s: %s%n", time(l.start(), rows),
          !l.covered() ? "not covered by any origin"
              : !l.detected() ? "missed"
              : lead(l.leadSeconds())));
    }
    for (SkippedOrigin o : r.skipped()) {
      b.append(String.format(Locale.ROOT, "skipped origin %s: %s%n", time(o.origin(), rows),
          o.reason()));
    }
    return b.toString();
  }

  private String lead(long lead) {
    long amount = Math.abs(lead);
    String unit = rows ? (amount == 1 ? " row" : " rows") : " min";
    long shown = rows ? amount : amount / 60;
    return "first alarm " + shown + unit + (lead >= 0 ? " before start" : " after start");
  }

  private static void row(StringBuilder b, String name, List<ForecastScores> all,
      Function<ForecastScores, Double> score, String format) {
    b.append(String.format(Locale.ROOT, "%-12s", name));
    for (ForecastScores s : all) {
      b.append(' ').append(String.format(Locale.ROOT, format, score.apply(s)));
    }
    b.append(String.format("%n"));
  }
}
