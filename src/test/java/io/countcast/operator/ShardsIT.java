package io.countcast.operator;

import static io.countcast.operator.TestForecasts.restartForecast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countcast.api.ActionSpec;
import io.countcast.api.ActionState;
import io.countcast.api.ActionType;
import io.countcast.api.CountForecast;
import io.countcast.testing.CustomResourceDefinitions;
import io.countcast.testing.TestWorkloads;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operators as two shards against a real kube-apiserver: {@code --selector
 * countcast.io/shard=a} and {@code =b}, each with its own Lease. Each operator's forecaster stamps
 * the model family it reports ("shard-a", "shard-b"), so a CountForecast's status says which
 * shard trained it. Relabelling a CountForecast moves it: its history (the ConfigMap) goes on
 * growing under the new shard, the raised HPA floor (recorded under the CountForecast's key) is
 * taken over by the new shard, which restores it when the surge passes, and the old shard drops
 * its gauges.
 */
class ShardsIT {

  @RegisterExtension
  static final ApiServer API_SERVER = new ApiServer();

  private static final String NS = "shards";
  private static final String SHARD = "countcast.io/shard";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;

  private final ScriptedForecaster scriptA = new ScriptedForecaster(Clock.systemUTC());
  private final ScriptedForecaster scriptB = new ScriptedForecaster(Clock.systemUTC());
  private CountcastOperator shardA;
  private CountcastOperator shardB;

  @BeforeAll
  static void installCrdAndWorkloads() {
    client = API_SERVER.client();
    CustomResourceDefinitions.applyFromFile(client,
        Path.of("crds", "countforecasts.countcast.io-v1.yml"));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .endMetadata().build()).create();
    for (String app : new String[] {"web-a", "web-b", "web"}) {
      client.resource(TestWorkloads.deployment(NS, app, 1)).create();
      new FakeKubelet(client, NS, app, Map.of("app", app), 1); // pods only, no restarts
    }
    client.resource(TestWorkloads.cpuHpa(NS, "web", 1, 6)).create();
  }

  @BeforeEach
  void startShards() throws IOException {
    scriptA.surge(true);
    scriptB.surge(true);
    shardA = start("a", scriptA);
    shardB = start("b", scriptB);
  }

  @AfterEach
  void stopShards() {
    shardA.close();
    shardB.close();
  }

  @Test
  void eachShardTrainsOnlyItsOwnAndARelabelledForecastMovesWithItsHistoryAndFloor() {
    client.resource(labelled(restartForecast(NS, "a1", "web-a", 2), "a")).create();
    client.resource(labelled(restartForecast(NS, "b1", "web-b", 2), "b")).create();
    client.resource(labelled(scaleHpa("moving"), "a")).create();

    await("each shard trains its own").atMost(TIMEOUT).until(() ->
        "shard-a".equals(family("a1")) && "shard-b".equals(family("b1"))
            && "shard-a".equals(family("moving")));
    await("shard a raises the floor").atMost(TIMEOUT).until(() -> minReplicas() == 3
        && state("moving") == ActionState.RAISED);
    assertThat(gauged(shardA)).containsExactlyInAnyOrder("a1", "moving");
    assertThat(gauged(shardB)).containsExactly("b1");
    assertThat(client.leases().inNamespace(NS).list().getItems()).extracting(
        l -> l.getMetadata().getName() + "=" + l.getSpec().getHolderIdentity())
        .contains("countcast-a=operator-a", "countcast-b=operator-b");

    int samplesBefore = forecast("moving").getStatus().getSamples();
    // As `kubectl label --overwrite` does: a merge patch of the label alone.
    client.resources(CountForecast.class).inNamespace(NS).withName("moving").patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"" + SHARD + "\":\"b\"}}}");

    await("shard b takes over").atMost(TIMEOUT).until(() -> "shard-b".equals(family("moving")));
    assertThat(forecast("moving").getStatus().getSamples())
        .as("the history moved with the resource").isGreaterThanOrEqualTo(samplesBefore);
    await("shard a forgets it").atMost(TIMEOUT).until(() -> !gauged(shardA).contains("moving"));
    assertThat(gauged(shardB)).containsExactlyInAnyOrder("b1", "moving");
    assertThat(minReplicas()).as("the floor is held on, not dropped and raised again")
        .isEqualTo(3);
    assertThat(raises(shardB)).as("shard b took the raised floor over").isZero();

    scriptB.surge(false);

    await("shard b restores the floor after the cooldown").atMost(TIMEOUT)
        .until(() -> minReplicas() == 1);
    assertThat(hpa().getMetadata().getAnnotations()).doesNotContainKeys(HpaFloor.ORIGINAL,
        HpaFloor.ownerKey(NS, "moving"));
    await().atMost(TIMEOUT).until(() -> state("moving") == ActionState.IDLE);
    assertThat(raises(shardA)).isEqualTo(1);
    assertThat(gauged(shardA)).containsExactly("a1");
  }

  private static CountcastOperator start(String shard, ScriptedForecaster script)
      throws IOException {
    String family = "shard-" + shard;
    Forecaster stamped = (history, plan) -> {
      TrainedForecast trained = script.train(history, plan);
      trained.model().setFamily(family);
      return trained;
    };
    OperatorSettings settings = OperatorSettings.defaults().withNamespaces(Set.of(NS))
        .withHttp("127.0.0.1", 0).withLeaderElection(true, NS, "operator-" + shard)
        .inProcess(Duration.ofSeconds(4)).withShard(SHARD + "=" + shard, "countcast-" + shard);
    return CountcastOperator.start(client, false, settings, stamped, Clock.systemUTC());
  }

  private static CountForecast labelled(CountForecast forecast, String shard) {
    forecast.getMetadata().setLabels(Map.of(SHARD, shard));
    return forecast;
  }

  /** Restarts of Deployment web with a ScaleHPA action: floor 3, 3 s cooldown. */
  private static CountForecast scaleHpa(String name) {
    CountForecast forecast = restartForecast(NS, name, "web", 2);
    forecast.getSpec().setTrainEvery("2s");
    ActionSpec action = new ActionSpec();
    action.setType(ActionType.SCALE_HPA);
    action.setSurgeMinReplicas(3);
    action.setLeadTime("1m");
    action.setCooldown("3s");
    forecast.getSpec().setAction(action);
    return forecast;
  }

  /** Names of the CountForecasts this operator exports per-resource gauges for. */
  private static Set<String> gauged(CountcastOperator operator) {
    return operator.registry().find(ForecastMetrics.SURGE).gauges().stream()
        .map(g -> g.getId().getTag("name")).collect(java.util.stream.Collectors.toSet());
  }

  private static double raises(CountcastOperator operator) {
    var counter = operator.registry().find(ForecastMetrics.ACTIONS).tag("type", "raise").counter();
    return counter == null ? 0 : counter.count();
  }

  private static CountForecast forecast(String name) {
    return client.resources(CountForecast.class).inNamespace(NS).withName(name).get();
  }

  private static String family(String name) {
    CountForecast forecast = forecast(name);
    return forecast == null || forecast.getStatus() == null
        || forecast.getStatus().getModel() == null ? null
        : forecast.getStatus().getModel().getFamily();
  }

  private static ActionState state(String name) {
    CountForecast forecast = forecast(name);
    return forecast == null || forecast.getStatus() == null
        || forecast.getStatus().getAction() == null ? null
        : forecast.getStatus().getAction().getState();
  }

  private static HorizontalPodAutoscaler hpa() {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("web")
        .get();
  }

  private static int minReplicas() {
    return hpa().getSpec().getMinReplicas();
  }
}
