package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.operator.ForecastPlan.PrometheusPlan;
import io.countcast.operator.ForecastPlan.SecretKey;
import io.countcast.signal.prometheus.PrometheusAuth;
import io.countcast.signal.prometheus.PrometheusClientSettings;
import io.countcast.signal.prometheus.PrometheusException;
import io.countcast.signal.prometheus.PrometheusSignalSpec;
import io.countcast.signal.prometheus.TlsSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Maps a CountForecast's {@code signal.prometheus} and the operator's {@link PrometheusDefaults}
 * onto the plain values of {@code io.countcast.signal.prometheus}, reading the Secrets the spec
 * names from the CountForecast's own namespace (never another one), and maps Prometheus
 * failures onto status reasons.
 *
 * <p>Secrets are read on every resolve, so a rotated token or CA is used from the next tick on:
 * the resolved settings are part of the collector key in {@link SignalCollectors}.
 */
final class PrometheusSignals {

  /** Connect timeout, unless the request timeout is shorter. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Set<String> TRANSIENT = Set.of(Reasons.PROMETHEUS_UNAVAILABLE,
      Reasons.PROMETHEUS_TIMEOUT, Reasons.PROMETHEUS_BAD_RESPONSE);

  /**
   * Everything a Prometheus collector is built from; equal values mean the same collector.
   *
   * @param client connection, auth, TLS and timeouts
   * @param spec the queries
   * @param crossNamespace true to send the queries unconfined
   */
  record Resolved(PrometheusClientSettings client, PrometheusSignalSpec spec,
      boolean crossNamespace) {}

  private final KubernetesClient client;
  private final PrometheusDefaults defaults;

  PrometheusSignals(KubernetesClient client, PrometheusDefaults defaults) {
    this.client = client;
    this.defaults = defaults;
  }

  /**
   * The collector inputs of {@code forecast}.
   *
   * @throws ProblemException InvalidSpec (no URL), SecretNotFound or PrometheusConfigInvalid
   */
  Resolved resolve(CountForecast forecast, ForecastPlan plan) {
    PrometheusPlan signal = plan.signal().prometheus();
    PrometheusSignalSpec spec;
    URI url;
    try {
      spec = PrometheusSignalSpec.ofQuery(signal.url(), signal.query(), signal.exposureQuery());
      url = spec.resolveUrl(defaults.url());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Reasons.INVALID_SPEC, e.getMessage()
          + (defaults.url() == null ? " (operator option --prometheus-url)" : ""));
    }
    Duration timeout = signal.timeout();
    String namespace = forecast.getMetadata().getNamespace();
    PrometheusClientSettings settings;
    try {
      settings = PrometheusClientSettings.defaults(url)
          .withTimeouts(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout, timeout)
          .withAuth(auth(signal, namespace))
          .withTls(new TlsSettings(signal.ca() == null ? null
              : secretValue(namespace, signal.ca(), "caSecretRef"),
              signal.insecureSkipVerify()));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Reasons.PROMETHEUS_CONFIG_INVALID, e.getMessage());
    }
    return new Resolved(settings, spec, defaults.crossNamespace());
  }

  /** True for the reasons of a Prometheus that is down, slow or garbled, which heal by themselves. */
  static boolean isTransient(Problem problem) {
    return TRANSIENT.contains(problem.reason());
  }

  /** The status reason of a Prometheus failure. */
  static ProblemException problem(PrometheusException e) {
    String reason = switch (e.kind()) {
      case UNAVAILABLE -> Reasons.PROMETHEUS_UNAVAILABLE;
      case TIMEOUT -> Reasons.PROMETHEUS_TIMEOUT;
      case BAD_RESPONSE -> Reasons.PROMETHEUS_BAD_RESPONSE;
      case UNAUTHORIZED -> Reasons.PROMETHEUS_UNAUTHORIZED;
      case QUERY_FAILED -> Reasons.QUERY_FAILED;
      case MANY_SERIES -> Reasons.QUERY_RETURNED_MANY_SERIES;
      case CONFIGURATION -> Reasons.PROMETHEUS_CONFIG_INVALID;
    };
    return new ProblemException(reason, CountForecastReconciler.oneLine(e));
  }

  private PrometheusAuth auth(PrometheusPlan signal, String namespace) {
    if (signal.bearerToken() != null) {
      return new PrometheusAuth.BearerToken(
          secretValue(namespace, signal.bearerToken(), "bearerTokenSecretRef"));
    }
    if (signal.basicAuthSecret() != null) {
      String name = signal.basicAuthSecret();
      Map<String, String> data = secretData(namespace, name, "basicAuthSecretRef");
      return new PrometheusAuth.Basic(
          key(data, namespace, name, "username", "basicAuthSecretRef"),
          key(data, namespace, name, "password", "basicAuthSecretRef"));
    }
    return defaults.tokenFile() == null ? PrometheusAuth.none()
        : new PrometheusAuth.BearerTokenFile(defaults.tokenFile());
  }

  private String secretValue(String namespace, SecretKey ref, String field) {
    return key(secretData(namespace, ref.name(), field), namespace, ref.name(), ref.key(), field);
  }

  private Map<String, String> secretData(String namespace, String name, String field) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new ProblemException(Reasons.SECRET_NOT_FOUND, "spec.signal.prometheus." + field
          + ": Secret " + namespace + "/" + name + " does not exist");
    }
    return secret.getData() == null ? Map.of() : secret.getData();
  }

  private static String key(Map<String, String> data, String namespace, String name, String key,
      String field) {
    String encoded = data.get(key);
    if (encoded == null) {
      throw new ProblemException(Reasons.SECRET_NOT_FOUND, "spec.signal.prometheus." + field
          + ": Secret " + namespace + "/" + name + " has no key '" + key + "'");
    }
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }
}
