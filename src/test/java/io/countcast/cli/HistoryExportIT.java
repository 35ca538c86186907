package io.countcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.model.NegBinomialCount;
import io.countcast.signal.HistoryStore;
import io.countcast.signal.OwnerInfo;
import io.countcast.signal.PredictionArchive;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.SignalState;
import io.countcast.signal.WindowPrediction;
import io.countcast.signal.WindowSample;
import io.countcast.testing.KubeApiTestFlags;
import io.countcast.testing.PinnedKubeApiBinaries;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code countcast history export} against a real kube-apiserver: it reads the ConfigMaps the
 * operator writes, through the same store and codecs, and names the resource it misses.
 */
@ExtendWith(PinnedKubeApiBinaries.class)
@EnableKubeAPIServer(apiServerFlags = {KubeApiTestFlags.BIND_ADDRESS, KubeApiTestFlags.LOOPBACK})
class HistoryExportIT {

  static KubernetesClient client;

  private static final String NS = "export-it";
  private static final OwnerInfo OWNER = new OwnerInfo("countcast.io/v1alpha1", "CountForecast",
      "checkout", "6f1c1b0e-8d51-4c55-9a55-0f3f2f7d9a02");

  @BeforeAll
  static void namespace() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
  }

  private static String export(String name) {
    StringWriter out = new StringWriter();
    HistoryCommand.Export.export(client, NS, name, new PrintWriter(out));
    return out.toString();
  }

  @Test
  void writesTheStoredWindowsBesideTheirForecasts() {
    HistoryStore store = new HistoryStore(client);
    store.save(NS, OWNER, new SignalState(300, List.of(new WindowSample(600, 900, 2, 10),
        new WindowSample(900, 1200, 30, 10)), "", null, "prometheus"), null);
    PredictionArchive archive = PredictionArchive.empty(10);
    archive.retrained(0, 900, 901);
    NegBinomialCount p = new NegBinomialCount(3, 4);
    archive.forecast(List.of(WindowPrediction.of(900, 3, 0, 7, 1, p)));
    archive.close(new SeriesArrays(new long[] {600, 900}, new double[] {2, 30},
        new double[] {10, 10}), 300);
    store.savePredictions(NS, OWNER, archive, null);

    String[] lines = export("checkout").split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).isEqualTo(HistoryCsv.HEADER);
    assertThat(lines[1]).startsWith("1970-01-01T00:10:00Z,1970-01-01T00:15:00Z,2,10,,");
    assertThat(lines[2]).startsWith("1970-01-01T00:15:00Z,1970-01-01T00:20:00Z,30,10,3,0,7,1,1,");
  }

  @Test
  void aMissingHistoryNamesTheConfigMapItLookedFor() {
    assertThatThrownBy(() -> export("nothing")).isInstanceOf(CliException.class)
        .hasMessageContaining("CountForecast export-it/nothing")
        .hasMessageContaining("ConfigMap export-it/nothing-countcast-history not found");
  }

  @Test
  void aCorruptArchiveNamesTheConfigMapKeyAndLine() {
    client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("broken-countcast-predictions").endMetadata()
        .withData(Map.of("format", "countcast-predictions/v1", "windows", "x\n")).build())
        .create();
    assertThatThrownBy(() -> export("broken")).isInstanceOf(CliException.class)
        .hasMessageStartingWith("ConfigMap export-it/broken-countcast-predictions key 'windows' line 1");
  }
}
