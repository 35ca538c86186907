package io.countcast.cli;

import io.countcast.operator.CountcastOperator;
import io.countcast.operator.OperatorSettings;
import io.countcast.operator.PrometheusDefaults;
import io.countcast.operator.SeriesForecasterAdapter;
import io.countcast.series.RegressionEngine;
import io.countcast.signal.prometheus.PrometheusQueryLimit;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countcast operator}: runs the Kubernetes operator until the process is stopped. The
 * cluster comes from the usual fabric8 configuration (in-cluster service account, or
 * KUBECONFIG / ~/.kube/config). Every option also reads an environment variable, so a
 * Deployment can configure it without arguments.
 */
@Command(name = "operator", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the CountForecast operator (reconciles CountForecasts until stopped).")
final class OperatorCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--namespaces", defaultValue = "${env:COUNTCAST_NAMESPACES}",
      description = "Comma-separated namespaces to watch; empty for all. "
          + "Env COUNTCAST_NAMESPACES. Default: all namespaces.")
  private String namespaces;

  @Option(names = "--http-port", defaultValue = "${env:COUNTCAST_HTTP_PORT:-8080}",
      description = "Port of /healthz, /readyz and /metrics. Env COUNTCAST_HTTP_PORT. "
          + "Default: ${DEFAULT-VALUE}.")
  private int httpPort;

  @Option(names = "--http-address", defaultValue = "${env:COUNTCAST_HTTP_ADDRESS:-0.0.0.0}",
      description = "Address the HTTP server binds to. Env COUNTCAST_HTTP_ADDRESS. "
          + "Default: ${DEFAULT-VALUE}.")
  private String httpAddress;

  @Option(names = "--leader-election", negatable = true,
      defaultValue = "${env:COUNTCAST_LEADER_ELECTION:-true}", fallbackValue = "true",
      description = "Elect a leader through a Lease so several replicas are safe "
          + "(--no-leader-election for a single replica). Env COUNTCAST_LEADER_ELECTION. "
          + "Default: ${DEFAULT-VALUE}.")
  private boolean leaderElection;

  @Option(names = "--selector", defaultValue = "${env:COUNTCAST_SELECTOR}",
      description = "Label selector on CountForecasts (e.g. countcast.io/shard=a): this "
          + "operator reconciles only those, as one shard of several. Give each shard its own "
          + "--lease-name. Env COUNTCAST_SELECTOR. Default: all CountForecasts.")
  private String selector;

  @Option(names = "--lease-name",
      defaultValue = "${env:COUNTCAST_LEASE_NAME:-" + OperatorSettings.DEFAULT_LEASE_NAME + "}",
      description = "Name of the leader-election Lease; one per shard. "
          + "Env COUNTCAST_LEASE_NAME. Default: ${DEFAULT-VALUE}.")
  private String leaseName;

  @Option(names = "--lease-namespace", defaultValue = "${env:POD_NAMESPACE}",
      description = "Namespace of the Lease. Env POD_NAMESPACE. Default: the kubeconfig "
          + "context's namespace (in a pod: the service account's), else default.")
  private String leaseNamespace;

  @Option(names = "--identity", defaultValue = "${env:POD_NAME}",
      description = "This replica's name in the Lease. Env POD_NAME. Default: the host name.")
  private String identity;

  @Option(names = "--prometheus-url", defaultValue = "${env:COUNTCAST_PROMETHEUS_URL}",
      description = "Prometheus base URL for CountForecasts whose signal.prometheus sets no url. "
          + "Env COUNTCAST_PROMETHEUS_URL. Default: none.")
  private String prometheusUrl;

  @Option(names = "--prometheus-allowed-urls",
      defaultValue = "${env:COUNTCAST_PROMETHEUS_ALLOWED_URLS}",
      description = "Comma-separated Prometheus base URLs a CountForecast's signal.prometheus.url "
          + "may name (compared after normalisation); any other is refused with "
          + "PrometheusUrlNotAllowed. Must include --prometheus-url if both are set. "
          + "Env COUNTCAST_PROMETHEUS_ALLOWED_URLS. Default: --prometheus-url alone.")
  private String prometheusAllowedUrls;

  @Option(names = "--prometheus-cross-namespace", negatable = true,
      defaultValue = "${env:COUNTCAST_PROMETHEUS_CROSS_NAMESPACE:-false}", fallbackValue = "true",
      description = "Send Prometheus queries as written instead of confining every selector to "
          + "the CountForecast's namespace. Env COUNTCAST_PROMETHEUS_CROSS_NAMESPACE. "
          + "Default: ${DEFAULT-VALUE}.")
  private boolean prometheusCrossNamespace;

  @Option(names = "--prometheus-token-file", defaultValue = "${env:COUNTCAST_PROMETHEUS_TOKEN_FILE}",
      description = "Bearer token file (re-read on every request) for CountForecasts that name "
          + "no credentials. Env COUNTCAST_PROMETHEUS_TOKEN_FILE. Default: none.")
  private String prometheusTokenFile;

  @Option(names = "--prometheus-max-concurrency",
      defaultValue = "${env:COUNTCAST_PROMETHEUS_MAX_CONCURRENCY:-"
          + PrometheusQueryLimit.DEFAULT_MAX_CONCURRENCY + "}",
      description = "Prometheus requests in flight at most, across all CountForecasts; the "
          + "others wait their turn. Env COUNTCAST_PROMETHEUS_MAX_CONCURRENCY. "
          + "Default: ${DEFAULT-VALUE}.")
  private int prometheusMaxConcurrency;

  @Override
  public Integer call() {
    OperatorSettings settings = settings();
    CountDownLatch stopped = new CountDownLatch(1);
    KubernetesClient client = new KubernetesClientBuilder().build();
    CountcastOperator operator;
    try {
      operator = CountcastOperator.start(client, true, settings,
          new SeriesForecasterAdapter(RegressionEngine.INSTANCE), Clock.systemUTC());
    } catch (KubernetesClientException | OperatorException e) {
      client.close();
      throw new CliException("cannot start the operator against " + client.getMasterUrl() + ": "
          + e.getMessage());
    } catch (IOException e) {
      client.close();
      throw new CliException("cannot serve HTTP on " + settings.httpHost() + ":"
          + settings.httpPort() + ": " + e.getMessage());
    }
    Thread hook = new Thread(() -> {
      operator.close();
      stopped.countDown();
    }, "countcast-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    spec.commandLine().getOut().println("countcast operator running; health and metrics on port "
        + operator.httpPort());
    spec.commandLine().getOut().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from within the JVM (tests): shut down the same way as on SIGTERM.
      Runtime.getRuntime().removeShutdownHook(hook);
      operator.close();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The settings the options describe. */
  OperatorSettings settings() {
    if (httpPort < 0 || httpPort > 65_535) {
      throw new CliException("--http-port must be 0..65535, got " + httpPort);
    }
    Set<String> watched = namespaces == null ? Set.of()
        : Arrays.stream(namespaces.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return OperatorSettings.defaults().withNamespaces(watched).withHttp(httpAddress, httpPort)
        .withLeaderElection(leaderElection, blankToNull(leaseNamespace), blankToNull(identity))
        .withPrometheus(prometheusDefaults()).withShard(selector, leaseName());
  }

  private String leaseName() {
    String name = blankToNull(leaseName);
    if (name == null) {
      throw new CliException("--lease-name must not be blank");
    }
    return name.strip();
  }

  private PrometheusDefaults prometheusDefaults() {
    String text = blankToNull(prometheusUrl);
    URI url = text == null ? null : httpUrl("--prometheus-url", text.trim());
    List<URI> allowed = new ArrayList<>();
    if (prometheusAllowedUrls != null) {
      for (String entry : prometheusAllowedUrls.split(",")) {
        if (!entry.isBlank()) {
          allowed.add(httpUrl("--prometheus-allowed-urls", entry.trim()));
        }
      }
    }
    String tokenFile = blankToNull(prometheusTokenFile);
    if (prometheusMaxConcurrency < 1) {
      throw new CliException("--prometheus-max-concurrency must be at least 1, got "
          + prometheusMaxConcurrency);
    }
    PrometheusDefaults defaults = new PrometheusDefaults(url, prometheusCrossNamespace,
        tokenFile == null ? null : Path.of(tokenFile), allowed, prometheusMaxConcurrency);
    try {
      defaults.endpointPolicy();
    } catch (IllegalArgumentException e) {
      throw new CliException("--prometheus-url / --prometheus-allowed-urls: " + e.getMessage());
    }
    return defaults;
  }

  private static URI httpUrl(String option, String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      url = null;
    }
    if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new CliException(option + " must be an absolute http(s) URL, got " + text);
    }
    return url;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
