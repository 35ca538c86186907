package io.countcast.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.countcast.model.Prediction;
import io.countcast.model.PredictiveMode;
import io.countcast.model.Predictor;
import io.countcast.model.data.CsvTable;
import io.countcast.model.formula.Design;
import io.countcast.model.formula.DesignBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast predict}: for each row of new data, the expected count, the predictive
 * interval of the count itself (quantiles of the fitted count distribution at (1−level)/2 and
 * (1+level)/2) and optionally P(Y &gt; K). The predictive distribution carries the coefficients'
 * and θ's estimation error unless {@code --plug-in} is given.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Predict counts for new rows with a model saved by 'fit --save-model'.")
final class PredictCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL.json",
      description = "Model file written by 'countcast fit --save-model'.")
  private Path model;

  @Option(names = "--data", required = true, paramLabel = "NEW.csv",
      description = "CSV with the model's predictor columns (the response is not needed).")
  private Path data;

  @Option(names = "--level", defaultValue = "0.9", paramLabel = "LEVEL",
      description = "Predictive interval level in (0, 1). Default: ${DEFAULT-VALUE}.")
  private double level;

  @Option(names = "--exceed", paramLabel = "K",
      description = "Also report P(Y > K) for this count threshold K >= 0.")
  private Long exceed;

  @Option(names = "--plug-in", description = "Plug-in predictive intervals (coefficients and"
      + " theta treated as known) instead of the default approximate posterior predictive.")
  private boolean plugIn;

  @Option(names = "--json", description = "Print one JSON object with a 'predictions' array.")
  private boolean json;

  /** One row's forecast. */
  record Row(int row, int line, Prediction prediction, long lower, long upper) {
  }

  @Override
  public Integer call() {
    if (!(level > 0 && level < 1)) {
      throw new CliException("--level must be strictly between 0 and 1, got " + level);
    }
    if (exceed != null && exceed < 0) {
      throw new CliException("--exceed must be a count >= 0, got " + exceed);
    }
    SavedModel saved = SavedModel.read(model);
    CsvTable table = CsvTable.read(data);
    Design x = DesignBuilder.rebuild(saved.design(), table);
    Design z = saved.zeroDesign() == null ? null : DesignBuilder.rebuild(saved.zeroDesign(), table);
    Predictor predictor = new Predictor(saved.fit(), level,
        plugIn ? PredictiveMode.PLUG_IN : PredictiveMode.APPROXIMATE_POSTERIOR);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < table.rows(); i++) {
      double offset = x.offset() == null ? 0 : x.offset()[i];
      Prediction p = z == null
          ? predictor.predict(x.matrix().row(i), offset)
          : predictor.predict(x.matrix().row(i), z.matrix().row(i), offset);
      rows.add(new Row(i + 1, table.line(i), p, p.quantile((1 - level) / 2),
          p.quantile((1 + level) / 2)));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(toJson(saved, rows)));
    } else {
      out.print(toText(rows));
    }
    out.flush();
    return 0;
  }

  private ObjectNode toJson(SavedModel saved, List<Row> rows) {
    ObjectNode o = Json.object();
    o.put("family", saved.fit().family().id());
    o.put("level", level);
    if (exceed != null) {
      o.put("exceed", exceed);
    }
    ArrayNode array = o.putArray("predictions");
    for (Row r : rows) {
      ObjectNode p = array.addObject();
      p.put("row", r.row());
      p.put("line", r.line());
      Json.put(p, "mean", r.prediction().mean());
      p.put("lower", r.lower());
      p.put("upper", r.upper());
      if (exceed != null) {
        Json.put(p, "pExceed", r.prediction().exceedance(exceed));
      }
      Json.put(p, "meanLower", r.prediction().meanLower());
      Json.put(p, "meanUpper", r.prediction().meanUpper());
    }
    return o;
  }

  private String toText(List<Row> rows) {
    String pct = new java.math.BigDecimal(Double.toString(level * 100)).stripTrailingZeros()
        .toPlainString() + "%";
    List<String[]> cells = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("row", "mean", "lower", "upper"));
    if (exceed != null) {
      header.add("P(Y>" + exceed + ")");
    }
    cells.add(header.toArray(String[]::new));
    for (Row r : rows) {
      List<String> c = new ArrayList<>(List.of(Integer.toString(r.row()),
          String.format(Locale.ROOT, "%.4f", r.prediction().mean()),
          Long.toString(r.lower()), Long.toString(r.upper())));
      if (exceed != null) {
        c.add(String.format(Locale.ROOT, "%.6f", r.prediction().exceedance(exceed)));
      }
      cells.add(c.toArray(String[]::new));
    }
    int[] width = new int[header.size()];
    for (String[] row : cells) {
      for (int j = 0; j < row.length; j++) {
        width[j] = Math.max(width[j], row[j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("lower/upper: ").append(pct).append(" predictive interval of the count\n");
    for (String[] row : cells) {
      for (int j = 0; j < row.length; j++) {
        sb.append(j == 0 ? "" : "  ").append(" ".repeat(width[j] - row[j].length())).append(row[j]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
