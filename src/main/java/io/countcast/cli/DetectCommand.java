package io.countcast.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.series.AnomalyScore;
import io.countcast.series.CountSeries;
import io.countcast.series.ForecastSpec;
import io.countcast.series.OutbreakDetector;
import io.countcast.series.RegressionEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast detect}: scores every window after the first training span by how
 * surprising its count is under a forecast refitted on the span before it (see
 * {@link OutbreakDetector}), and flags those below the alarm threshold.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Outbreak detection: score each window after the first training span by"
        + " P(count >= observed) under the forecast made before it (no look-ahead).")
final class DetectCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private SeriesOptions options;

  @Option(names = "--alarm-threshold", paramLabel = "P",
      defaultValue = "" + AnomalyScore.DEFAULT_ALARM_THRESHOLD,
      description = "A window alarms when its score P(count >= observed) is at most P."
          + " Default: ${DEFAULT-VALUE}.")
  private double alarmThreshold;

  @Option(names = "--json", description = "Print one JSON object instead of CSV.")
  private boolean json;

  @Override
  public Integer call() {
    double threshold = SeriesOptions.parse(() -> AnomalyScore.checkThreshold(alarmThreshold));
    CountSeries data = options.read();
    ForecastSpec forecast = options.forecastSpec(1, 0);
    List<AnomalyScore.Window> windows;
    try {
      windows = new OutbreakDetector(RegressionEngine.INSTANCE).run(data, forecast, threshold);
    } catch (IllegalArgumentException e) {
      throw new CliException(options.file() + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode o = Json.object();
      o.put("alarmThreshold", threshold);
      o.put("alarms", windows.stream().filter(AnomalyScore.Window::alarm).count());
      ArrayNode array = o.putArray("windows");
      for (AnomalyScore.Window w : windows) {
        ObjectNode n = array.addObject();
        n.put("index", w.index());
        n.put("observed", w.observed());
        Json.put(n, "expected", w.expected());
        n.put("upper", w.upper());
        Json.put(n, "score", w.score());
        n.put("alarm", w.alarm());
      }
      out.println(Json.write(o));
    } else {
      out.println("index,observed,expected,upper,score,alarm");
      for (AnomalyScore.Window w : windows) {
        out.printf(Locale.ROOT, "%d,%d,%.6g,%d,%.6g,%b%n", w.index(), w.observed(),
            w.expected(), w.upper(), w.score(), w.alarm());
      }
    }
    out.flush();
    return 0;
  }
}
