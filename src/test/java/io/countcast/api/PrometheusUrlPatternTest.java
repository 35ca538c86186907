package io.countcast.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRD pattern of signal.prometheus.url, read with RE2 semantics as the API server reads it:
 * plain base URLs pass admission; userinfo, queries, fragments, backslashes and whitespace do not
 * (the operator's URL policy checks the rest).
 */
class PrometheusUrlPatternTest {

  private static final Pattern URL = Pattern.compile(PrometheusSignal.URL_PATTERN);

  @ParameterizedTest
  @ValueSource(strings = {"http://prometheus.monitoring:9090", "https://thanos/query/",
      "http://[::1]:9090", "http://10.0.0.1"})
  void baseUrlsPass(String url) {
    assertThat(URL.matcher(url).find()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://p:9090/api/v1/query_range?query=up&x=", "http://p:9090#",
      "http://p:9090@attacker", "http://p\\@attacker", "http://p:9090/ x", "http://p\t",
      "ftp://p", "http://", "http://p\n"})
  void hostileUrlsAreRefused(String url) {
    assertThat(URL.matcher(url).find()).isFalse();
  }
}
