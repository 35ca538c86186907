package io.countcast.operator;

import io.countcast.api.CountForecast;
import io.countcast.operator.ForecastPlan.PrometheusPlan;
import io.countcast.operator.ForecastPlan.SecretKey;
import io.countcast.signal.prometheus.PrometheusAuth;
import io.countcast.signal.prometheus.PrometheusClientSettings;
import io.countcast.signal.prometheus.PrometheusEndpointPolicy;
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
 * <p>Tenant confinement, in this order and before any request or Secret read: the URL must be
 * one the administrator allowed ({@link PrometheusEndpointPolicy}, else
 * {@code PrometheusUrlNotAllowed}); a Secret the spec names is used only if it carries the label
 * {@value #CREDENTIALS_LABEL}{@code ="true"}, an administrator's opt-in (else
 * {@code SecretNotAllowed}), since a tenant who may create a CountForecast but not read Secrets
 * could otherwise have any Secret of the namespace sent to Prometheus.
 *
 * <p>Secrets are read on every resolve, so a rotated token or CA is used from the next tick on:
 * the resolved settings are part of the collector key in {@link SignalCollectors}.
 */
final class PrometheusSignals {

  /** Connect timeout, unless the request timeout is shorter. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Set<String> TRANSIENT = Set.of(Reasons.PROMETHEUS_UNAVAILABLE,
      Reasons.PROMETHEUS_TIMEOUT, Reasons.PROMETHEUS_BAD_RESPONSE,
      Reasons.SIGNAL_DEADLINE_EXCEEDED);

  /**
   * Everything a Prometheus collector is built from; equal values mean the same collector.
   *
   * @param client connection, auth, TLS and timeouts
   * @param spec the queries
   * @param crossNamespace true to send the queries unconfined
   */
  record Resolved(PrometheusClientSettings client, PrometheusSignalSpec spec,
      boolean crossNamespace) {}

  /** The label (value "true") that lets CountForecasts use a Secret for Prometheus. */
  static final String CREDENTIALS_LABEL = "countcast.io/prometheus-credentials";

  private final KubernetesClient client;
  private final PrometheusDefaults defaults;
  private final PrometheusEndpointPolicy endpoints;

  /**
   * @throws IllegalArgumentException if the defaults' URLs are not plain http(s) base URLs
   */
  PrometheusSignals(KubernetesClient client, PrometheusDefaults defaults) {
    this.client = client;
    this.defaults = defaults;
    this.endpoints = defaults.endpointPolicy();
  }

  /**
   * The collector inputs of {@code forecast}.
   *
   * @throws ProblemException PrometheusUrlNotAllowed, InvalidSpec (no URL), SecretNotFound,
   *     SecretNotAllowed or PrometheusConfigInvalid
   */
  Resolved resolve(CountForecast forecast, ForecastPlan plan) {
    PrometheusPlan signal = plan.signal().prometheus();
    URI url = allowedUrl(signal.url());
    PrometheusSignalSpec spec;
    try {
      spec = PrometheusSignalSpec.ofQuery(url.toString(), signal.query(),
          signal.exposureQuery());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Reasons.INVALID_SPEC, e.getMessage());
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

  /**
   * The allowed base URL of {@code specUrl}, the plan's URL as written
   * ({@link PrometheusEndpointPolicy#check}); checked before any Secret is read.
   */
  private URI allowedUrl(String specUrl) {
    try {
      return endpoints.check(specUrl);
    } catch (PrometheusEndpointPolicy.EndpointRefused e) {
      throw e.notAllowed()
          ? new ProblemException(Reasons.PROMETHEUS_URL_NOT_ALLOWED, e.getMessage())
          : new ProblemException(Reasons.INVALID_SPEC,
              e.getMessage() + " (operator option --prometheus-url)");
    }
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
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (labels == null || !"true".equals(labels.get(CREDENTIALS_LABEL))) {
      throw new ProblemException(Reasons.SECRET_NOT_ALLOWED, "spec.signal.prometheus." + field
          + ": Secret " + namespace + "/" + name + " lacks the label " + CREDENTIALS_LABEL
          + "=\"true\" with which an administrator lets CountForecasts use it");
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
