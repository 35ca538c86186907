package io.countcast.cli;

import io.countcast.model.CountRegression;
import io.countcast.model.Family;
import io.countcast.model.FitOptions;
import io.countcast.model.FitResult;
import io.countcast.model.ModelException;
import io.countcast.model.ModelSelection;
import io.countcast.model.data.CsvTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code countcast fit}: fits a count regression to a CSV file and reports it. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fit a count regression (R formula syntax) to a CSV file.")
final class FitCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE.csv",
      description = "CSV file with a header row.")
  private Path data;

  @Option(names = "--formula", required = true, paramLabel = "FORMULA",
      description = "R model formula, e.g. \"y ~ x1 + g + offset(log(exposure))\".")
  private String formula;

  @Option(names = "--family", defaultValue = "nb2", paramLabel = "FAMILY",
      description = "poisson, nb2, nb1, zinb2 or auto (lowest AIC/BIC among converged fits)."
          + " Default: ${DEFAULT-VALUE}.")
  private String family;

  @Option(names = "--criterion", defaultValue = "aic", paramLabel = "aic|bic",
      description = "Criterion for --family auto. Default: ${DEFAULT-VALUE}.")
  private String criterion;

  @Option(names = "--zero-formula", paramLabel = "\"~ z1 + ...\"",
      description = "One-sided formula of the zero-inflation (logit) part; zinb2/auto only."
          + " Default: intercept only.")
  private String zeroFormula;

  @Option(names = "--weights", paramLabel = "COLUMN",
      description = "Column of non-negative prior (frequency) weights.")
  private String weights;

  @Option(names = "--levels", paramLabel = "COLUMN=L1,L2,...",
      description = "Factor level order for a text column (first = reference), e.g."
          + " mar=Single,Married. Default: levels sorted as R sorts them.")
  private Map<String, String> levels = new LinkedHashMap<>();

  @Option(names = "--max-iterations", defaultValue = "25", paramLabel = "N",
      description = "Outer iteration limit. Default: ${DEFAULT-VALUE}.")
  private int maxIterations;

  @Option(names = "--json", description = "Print one JSON object instead of the summary table.")
  private boolean json;

  @Option(names = "--save-model", paramLabel = "MODEL.json",
      description = "Write the fitted model for 'countcast predict'.")
  private Path saveModel;

  @Override
  public Integer call() {
    Family chosenFamily = "auto".equalsIgnoreCase(family) ? null : parseFamily();
    ModelSelection.Criterion by = parseCriterion();
    if (zeroFormula != null && chosenFamily != null && chosenFamily != Family.ZINB2) {
      throw new CliException("--zero-formula applies only to --family zinb2 or auto");
    }
    if (maxIterations < 1) {
      throw new CliException("--max-iterations must be at least 1, got " + maxIterations);
    }
    CsvTable table = CsvTable.read(data);
    ModelInputs inputs = ModelInputs.of(table, formula, zeroFormula, weights, levelLists());
    FitOptions options = new FitOptions(chosenFamily == null ? Family.NB2 : chosenFamily,
        maxIterations, 1e-8, 0.0, 0.95);
    FitResult fit;
    ModelSelection.Selection selection = null;
    long start = System.nanoTime();
    try {
      if (chosenFamily == null) {
        selection = ModelSelection.auto(inputs.data(), options, by);
        fit = selection.fit();
      } else {
        fit = CountRegression.fit(inputs.data(), options);
      }
    } catch (ModelException e) {
      throw new CliException(table.source() + ": " + e.getMessage());
    }
    double fitMillis = (System.nanoTime() - start) / 1e6;
    if (saveModel != null) {
      boolean zeroPart = fit.family() == Family.ZINB2 && inputs.zero() != null;
      new SavedModel(SavedModel.FORMAT, inputs.count().spec(),
          zeroPart ? inputs.zero().spec() : null, fit).write(saveModel);
    }
    FitReport report = new FitReport(formula, fit.family() == Family.ZINB2 ? zeroFormula : null,
        fit, selection, fitMillis);
    if (json) {
      spec.commandLine().getOut().println(Json.write(report.toJson()));
    } else {
      spec.commandLine().getOut().print(FitSummary.render(report));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Family parseFamily() {
    try {
      return Family.parse(family);
    } catch (IllegalArgumentException e) {
      throw new CliException("--family: unknown family '" + family
          + "' (expected poisson, nb2, nb1, zinb2 or auto)");
    }
  }

  private ModelSelection.Criterion parseCriterion() {
    try {
      return ModelSelection.Criterion.valueOf(criterion.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException("--criterion: expected aic or bic, got '" + criterion + "'");
    }
  }

  private Map<String, List<String>> levelLists() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    levels.forEach((column, list) -> out.put(column, List.of(list.split(",", -1))));
    return out;
  }
}
