package io.countcast.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A count read from Prometheus. The query is evaluated once per window with {@code $window}
 * replaced by the window length, so it must return the count within that window as one number.
 */
@ValidationRule(value = "!(has(self.bearerTokenSecretRef) && has(self.basicAuthSecretRef))",
    message = "set at most one of bearerTokenSecretRef or basicAuthSecretRef")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusSignal {

  /** Longest url (the operator's URL policy reads no longer ones either). */
  public static final int MAX_URL_LENGTH = 2048;
  /** http(s), then no '?', '#', '@', backslash, whitespace or control character. */
  static final String URL_PATTERN = "^https?://[^?#@\\\\\\s\\x00-\\x1f\\x7f]+$";

  /** Default of {@link #getTimeout()}. */
  public static final String DEFAULT_TIMEOUT = "30s";

  /**
   * Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090. Defaults to the
   * operator's configured Prometheus URL. It must be one of the URLs the operator allows
   * (--prometheus-allowed-urls), else the CountForecast is Degraded with reason
   * PrometheusUrlNotAllowed; userinfo, a query and a fragment are refused.
   */
  @JsonPropertyDescription(
      "Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090. Defaults to "
      + "the operator's configured Prometheus URL. It must be one of the URLs the operator "
      + "allows (--prometheus-allowed-urls), else the CountForecast is Degraded with reason "
      + "PrometheusUrlNotAllowed; userinfo, a query and a fragment are refused.")
  @Pattern(URL_PATTERN)
  @Size(max = MAX_URL_LENGTH)
  private String url;

  /**
   * PromQL returning the count in one window as a single sample, using $window for the window
   * length, e.g. sum(increase(http_requests_total{code=~"5.."}[$window])). Note that increase()
   * extrapolates to the window edges, so its results can be non-integer.
   */
  @JsonPropertyDescription(
      "PromQL returning the count in one window as a single sample, using $window for the window "
      + "length, e.g. sum(increase(http_requests_total{code=~\"5..\"}[$window])). Note that "
      + "increase() extrapolates to the window edges, so its results can be non-integer.")
  @Required
  @Size(min = 1, max = 4096)
  private String query;

  /**
   * Optional PromQL for the exposure of each window (e.g. total requests), same form as query. When
   * set, the model forecasts the rate per unit of exposure using log(exposure) as an offset.
   */
  @JsonPropertyDescription(
      "Optional PromQL for the exposure of each window (e.g. total requests), same form as "
      + "query. When set, the model forecasts the rate per unit of exposure using log(exposure) as "
      + "an offset.")
  @Size(min = 1, max = 4096)
  private String exposureQuery;

  /**
   * Secret key holding a bearer token sent as Authorization: Bearer. Mutually exclusive with
   * basicAuthSecretRef.
   */
  @JsonPropertyDescription(
      "Secret key holding a bearer token sent as Authorization: Bearer. Mutually exclusive with "
      + "basicAuthSecretRef.")
  private SecretKeyRef bearerTokenSecretRef;

  /**
   * Secret holding keys username and password for HTTP basic auth. Mutually exclusive with
   * bearerTokenSecretRef.
   */
  @JsonPropertyDescription(
      "Secret holding keys username and password for HTTP basic auth. Mutually exclusive with "
      + "bearerTokenSecretRef.")
  private SecretRef basicAuthSecretRef;

  /** Secret key holding a PEM CA bundle used to verify the Prometheus server's TLS certificate. */
  @JsonPropertyDescription(
      "Secret key holding a PEM CA bundle used to verify the Prometheus server's TLS "
      + "certificate.")
  private SecretKeyRef caSecretRef;

  /** Skip TLS certificate verification. For testing only. */
  @JsonPropertyDescription("Skip TLS certificate verification. For testing only.")
  @Default("false")
  private Boolean insecureSkipVerify = false;

  /** Timeout of one Prometheus request. Same duration format as window. */
  @JsonPropertyDescription("Timeout of one Prometheus request. Same duration format as window.")
  @Default(DEFAULT_TIMEOUT)
  @Pattern(PromDuration.PATTERN)
  @Size(min = PromDuration.MIN_LENGTH, max = PromDuration.MAX_LENGTH)
  @ValidationRule(value = PromDuration.NON_ZERO_RULE, message = PromDuration.NON_ZERO_MESSAGE)
  @ValidationRule(value = PromDuration.AT_MOST_5M_RULE, message = PromDuration.AT_MOST_5M_MESSAGE)
  private String timeout = DEFAULT_TIMEOUT;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getExposureQuery() {
    return exposureQuery;
  }

  public void setExposureQuery(String exposureQuery) {
    this.exposureQuery = exposureQuery;
  }

  public SecretKeyRef getBearerTokenSecretRef() {
    return bearerTokenSecretRef;
  }

  public void setBearerTokenSecretRef(SecretKeyRef bearerTokenSecretRef) {
    this.bearerTokenSecretRef = bearerTokenSecretRef;
  }

  public SecretRef getBasicAuthSecretRef() {
    return basicAuthSecretRef;
  }

  public void setBasicAuthSecretRef(SecretRef basicAuthSecretRef) {
    this.basicAuthSecretRef = basicAuthSecretRef;
  }

  public SecretKeyRef getCaSecretRef() {
    return caSecretRef;
  }

  public void setCaSecretRef(SecretKeyRef caSecretRef) {
    this.caSecretRef = caSecretRef;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }
}
