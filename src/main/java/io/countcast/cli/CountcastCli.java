package io.countcast.cli;

import io.countcast.model.ModelException;
import io.countcast.model.data.DataException;
import io.countcast.model.formula.FormulaException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code countcast} command line: {@code fit}, {@code predict} and {@code bench}.
 *
 * <p>Exit codes: 0 success (including a fit that did not converge, which says so), 1 internal
 * error, 2 bad input or usage. Every error is exactly one line on stderr; users never see a stack
 * trace.
 */
@Command(name = "countcast", mixinStandardHelpOptions = true, version = "countcast 0.1.0",
    description = "Count regression (Poisson, NB2, NB1, ZINB2) from CSV files.")
public final class CountcastCli implements Callable<Integer> {

  /**
   * The subcommands, by name. Picocli reads every registered command's annotations by reflection
   * when the command line is built, and loading {@code operator} pulls in the operator's classes,
   * so a run registers only the command it runs (all of them only for help and for mistakes).
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("fit", FitCommand::new);
    COMMANDS.put("predict", PredictCommand::new);
    COMMANDS.put("bench", BenchCommand::new);
    COMMANDS.put("backtest", BacktestCommand::new);
    COMMANDS.put("detect", DetectCommand::new);
    COMMANDS.put("history", HistoryCommand::new);
    COMMANDS.put("operator", OperatorCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Exit code for bad input (data, formula, model file) and bad usage. */
  public static final int BAD_INPUT = 2;
  /** Exit code for a bug: something the program did not anticipate. */
  public static final int INTERNAL_ERROR = 1;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new CountcastCli());
    Supplier<Object> only = args.length == 0 || args[0].equals("help") ? null
        : COMMANDS.get(args[0]);
    if (only != null) {
      cli.addSubcommand(only.get());
    } else {
      COMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean badInput = e instanceof DataException || e instanceof FormulaException
          || e instanceof ModelException || e instanceof CliException;
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      commandLine.getErr().println("error: " + oneLine(badInput ? message
          : "internal error (" + e.getClass().getSimpleName() + "): " + message));
      commandLine.getErr().flush();
      return badInput ? BAD_INPUT : INTERNAL_ERROR;
    });
    cli.setParameterExceptionHandler((e, args2) -> {
      String command = e.getCommandLine().getCommandName();
      e.getCommandLine().getErr().println("error: " + oneLine(e.getMessage())
          + " (see 'countcast " + (command.equals("countcast") ? "" : command + " ") + "--help')");
      e.getCommandLine().getErr().flush();
      return BAD_INPUT;
    });
    return cli.execute(args);
  }

  /** {@code countcast} without a command: a usage error, not a silent success. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println(
        "error: missing command: fit, predict or bench (see 'countcast --help')");
    return BAD_INPUT;
  }

  /** Messages are promised to be one line; a stray newline in a cell value must not break that. */
  static String oneLine(String message) {
    return message.replace("\r", "").replace('\n', ' ');
  }
}
