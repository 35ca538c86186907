package io.countcast.cli;

import io.countcast.signal.HistoryStore;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.PredictionArchiveCodec;
import io.countcast.signal.SignalState;
import io.countcast.signal.SignalStateCodec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast history}: reads what the operator stored for a CountForecast. Its one
 * subcommand, {@code export}, writes the closed windows beside the forecasts made for them
 * ({@link HistoryCsv}) for post-incident review. It reads the two ConfigMaps the operator
 * writes, {@code <name>-countcast-history} and {@code <name>-countcast-predictions}, with the
 * current kubeconfig, and decodes them with the operator's own codecs.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Read the history the operator stored for a CountForecast.",
    subcommands = HistoryCommand.Export.class)
final class HistoryCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CountcastCli.BAD_INPUT;
  }

  /** {@code countcast history export}. */
  @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Write the stored windows of a CountForecast, with the forecast made for each"
          + " (expected, 90% interval, model version, anomaly score, PIT, log score), as CSV.")
  static final class Export implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--namespace"}, required = true, description = "The namespace.")
    private String namespace;

    @Option(names = "--name", required = true, description = "The CountForecast's name.")
    private String name;

    @Override
    public Integer call() {
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        export(client, namespace, name, spec.commandLine().getOut());
      }
      return 0;
    }

    /** Writes the CSV of CountForecast {@code namespace/name} (used by tests). */
    static void export(KubernetesClient client, String namespace, String name,
        java.io.PrintWriter out) {
      String historyName;
      String predictionsName;
      try {
        historyName = HistoryStore.configMapName(name);
        predictionsName = HistoryStore.predictionsConfigMapName(name);
      } catch (IllegalArgumentException e) {
        throw new CliException("--name: " + e.getMessage());
      }
      ConfigMap history = read(client, namespace, historyName);
      ConfigMap predictions = read(client, namespace, predictionsName);
      if (history == null && predictions == null) {
        throw new CliException("no stored history for CountForecast " + namespace + "/" + name
            + ": ConfigMap " + namespace + "/" + historyName + " not found (the operator writes"
            + " it once the first window has closed; check the namespace and name)");
      }
      SignalState state = null;
      PredictionArchive archive = null;
      try {
        if (history != null) {
          state = SignalStateCodec.decode(history.getData(),
              "ConfigMap " + namespace + "/" + historyName);
        }
        if (predictions != null) {
          archive = PredictionArchiveCodec.decode(predictions.getData(),
              PredictionArchive.MAX_WINDOWS, "ConfigMap " + namespace + "/" + predictionsName);
        }
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      HistoryCsv.write(state, archive, out);
      out.flush();
    }

    private static ConfigMap read(KubernetesClient client, String namespace, String name) {
      try {
        return client.configMaps().inNamespace(namespace).withName(name).get();
      } catch (KubernetesClientException e) {
        String why = e.getCode() == 403 ? "forbidden: your kubeconfig may not read ConfigMaps"
            + " in namespace " + namespace : String.valueOf(e.getMessage()).replace('\n', ' ');
        throw new CliException("cannot read ConfigMap " + namespace + "/" + name + ": " + why);
      }
    }
  }
}
