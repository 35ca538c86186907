package io.countcast.signal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.api.PrometheusSignal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The administrator's URL allow-list and its normaliser: known hostile spellings first, then
 * properties over URLs drawn from fixed seeds (a failure names the seed that reproduces it), then
 * the request URIs built on an allowed base (F1: nothing in the base can change where a request
 * goes or what it asks).
 */
class PrometheusEndpointPolicyTest {

  private static final URI PROM = URI.create("http://prometheus.monitoring:9090");
  private static final PrometheusEndpointPolicy POLICY = PrometheusEndpointPolicy.of(PROM,
      List.of(PROM, URI.create("https://thanos.monitoring/query")));

  @ParameterizedTest
  @ValueSource(strings = {
      "http://prometheus.monitoring:9090",
      "http://prometheus.monitoring:9090/",
      "HTTP://Prometheus.Monitoring:9090",
      "https://thanos.monitoring/query",
      "https://thanos.monitoring:443/query/",
      "HTTPS://THANOS.monitoring/query"})
  void spellingsOfAnAllowedUrlAreAllowed(String url) {
    assertThat(POLICY.check(url)).isIn(POLICY.allowed());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // F1: a query in the base would carry the tenant's own query parameter.
      "http://prometheus.monitoring:9090/api/v1/query_range?query=up&x=",
      // F2: another host, userinfo, a fragment choosing the path, a backslash.
      "http://attacker.example:9090",
      "http://prometheus.monitoring:9090@attacker.example",
      "http://prometheus.monitoring:9090#",
      "http://169.254.169.254/latest/meta-data#",
      "http://prometheus.monitoring:9090\\@attacker.example",
      // Same host, other port, scheme or path.
      "http://prometheus.monitoring:9091",
      "https://prometheus.monitoring:9090",
      "http://prometheus.monitoring:9090/api/v1/query_range",
      "https://thanos.monitoring/query/../admin",
      "https://thanos.monitoring/query/./",
      "https://thanos.monitoring//query",
      "https://thanos.monitoring/Query",
      "https://thanos.monitoring/qu%65ry",
      "https://thanos.monitoring.",
      "http://prometheus.monitoring.:9090",
      // Not http(s), not a URL, no host, odd characters.
      "file:///etc/passwd",
      "gopher://prometheus.monitoring:9090",
      "http:/prometheus.monitoring:9090",
      "http://",
      "http://:9090",
      "http://prometheus.monitoring:0",
      "http://prometheus.monitoring:9090/\u0000",
      "http://prometheus.monitoring:9090 ",
      "http://promethеus.monitoring:9090"}) // Cyrillic 'е'
  void everythingElseIsRefused(String url) {
    assertThatThrownBy(() -> POLICY.check(url))
        .isInstanceOfSatisfying(PrometheusEndpointPolicy.EndpointRefused.class,
            e -> assertThat(e.notAllowed()).isTrue())
        .hasMessageStartingWith("spec.signal.prometheus.url: ");
  }

  @Test
  void theDefaultIsAllowedAloneUnlessAListIsGiven() {
    PrometheusEndpointPolicy alone = PrometheusEndpointPolicy.of(PROM, List.of());
    assertThat(alone.allowed()).containsExactly(URI.create("http://prometheus.monitoring:9090/"));
    assertThat(alone.check(null)).isEqualTo(alone.defaultUrl());
    assertThat(alone.check(" ")).isEqualTo(alone.defaultUrl());
    assertThatThrownBy(() -> PrometheusEndpointPolicy.of(PROM,
        List.of(URI.create("http://other:9090"))))
        .hasMessage("the default Prometheus URL http://prometheus.monitoring:9090/ is not among "
            + "the allowed URLs [http://other:9090/]");
    PrometheusEndpointPolicy nothing = PrometheusEndpointPolicy.of(null, List.of());
    assertThat(nothing.allowed()).isEmpty();
    assertThatThrownBy(() -> nothing.check(null))
        .isInstanceOfSatisfying(PrometheusEndpointPolicy.EndpointRefused.class,
            e -> assertThat(e.notAllowed()).isFalse());
  }

  @Test
  void anAdministratorsUrlIsHeldToTheSameRules() {
    assertThatThrownBy(() -> PrometheusEndpointPolicy.of(
        URI.create("http://user:pw@prometheus:9090"), List.of()))
        .hasMessageStartingWith("userinfo ('@') is not allowed");
  }

  @Test
  void theNormaliserReadsNoLongerUrlThanTheCrdAllows() {
    assertThat(PrometheusEndpointPolicy.MAX_URL_LENGTH).isEqualTo(PrometheusSignal.MAX_URL_LENGTH);
    String longest = "http://p/" + "a".repeat(PrometheusEndpointPolicy.MAX_URL_LENGTH - 9);
    assertThat(PrometheusEndpointPolicy.normalise(longest)).isNotNull();
    assertThatThrownBy(() -> PrometheusEndpointPolicy.normalise(longest + "a"))
        .hasMessageContaining("limit 2048");
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** Normalising twice changes nothing, and every spelling variant normalises alike. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void normalFormIsIdempotentAndIgnoresCaseDefaultPortAndTrailingSlash(long seed) {
    Random draw = new Random(seed);
    Parts url = Parts.draw(draw);
    URI normal = PrometheusEndpointPolicy.normalise(url.spell(draw));

    assertThat(PrometheusEndpointPolicy.normalise(normal.toString())).isEqualTo(normal);
    assertThat(PrometheusEndpointPolicy.normalise(url.spell(draw))).isEqualTo(normal);
    assertThat(normal.getScheme()).isEqualTo(url.scheme);
    assertThat(normal.getHost()).isEqualTo(url.host);
    assertThat(normal.getPort()).isEqualTo(url.port);
    assertThat(normal.getPath()).isEqualTo(url.path.isEmpty() ? "/" : url.path);
    assertThat(normal.getRawUserInfo()).isNull();
    assertThat(normal.getRawQuery()).isNull();
    assertThat(normal.getRawFragment()).isNull();
  }

  /** URLs that differ in scheme, host, port or path never normalise alike. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void differentEndpointsStayDifferent(long seed) {
    Random draw = new Random(seed);
    Parts a = Parts.draw(draw);
    Parts b = Parts.draw(draw);
    boolean same = a.scheme.equals(b.scheme) && a.host.equals(b.host) && a.port == b.port
        && a.path.equals(b.path);

    assertThat(PrometheusEndpointPolicy.normalise(a.spell(draw))
        .equals(PrometheusEndpointPolicy.normalise(b.spell(draw)))).isEqualTo(same);
  }

  /** One forbidden character anywhere in an otherwise good URL refuses it. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aForbiddenCharacterAnywhereIsRefused(long seed) {
    Random draw = new Random(seed);
    String url = Parts.draw(draw).spell(draw);
    String forbidden = "?#@%\\ \t\n\u0000\u007f\u00e9\u2028";
    int at = 1 + draw.nextInt(url.length());
    String hostile = url.substring(0, at) + forbidden.charAt(draw.nextInt(forbidden.length()))
        + url.substring(at);

    assertThatThrownBy(() -> PrometheusEndpointPolicy.normalise(hostile))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Whatever a tenant writes, the policy either refuses it or answers an allowed URL that the
   * text really spells: mutations of allowed URLs (insertions, deletions, replacements with
   * URL-significant characters) are accepted only if they normalise to that allowed URL.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theCheckAnswersOnlyAllowedUrlsTheTextSpells(long seed) {
    Random draw = new Random(seed);
    String alphabet = ":/.@?#%\\[]a0Z-_~;=&+$, ";
    StringBuilder text = new StringBuilder(draw.nextBoolean()
        ? "http://prometheus.monitoring:9090/" : "https://thanos.monitoring/query");
    for (int edits = 1 + draw.nextInt(3); edits > 0; edits--) {
      int at = draw.nextInt(text.length());
      switch (draw.nextInt(3)) {
        case 0 -> text.insert(at, alphabet.charAt(draw.nextInt(alphabet.length())));
        case 1 -> text.deleteCharAt(at);
        default -> text.setCharAt(at, alphabet.charAt(draw.nextInt(alphabet.length())));
      }
    }
    URI answer;
    try {
      answer = POLICY.check(text.toString());
    } catch (PrometheusEndpointPolicy.EndpointRefused refused) {
      return;
    }
    assertThat(answer).isIn(POLICY.allowed());
    assertThat(PrometheusEndpointPolicy.normalise(text.toString())).isEqualTo(answer);
  }

  /**
   * F1: requests built on an allowed base stay on its scheme, host, port and path prefix, and
   * their parameters arrive exactly as given, however hostile the query text.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void requestUrisStayOnTheBaseAndCarryTheParametersExactly(long seed) {
    Random draw = new Random(seed);
    URI base = PrometheusEndpointPolicy.normalise(Parts.draw(draw).spell(draw));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", hostileText(draw));
    params.put("start", Long.toString(draw.nextLong()));
    params.put("end", hostileText(draw));

    URI request = PrometheusClient.requestUri(base, "api/v1/query_range", params);

    assertThat(request.getScheme()).isEqualTo(base.getScheme());
    assertThat(request.getHost()).isEqualTo(base.getHost());
    assertThat(request.getPort()).isEqualTo(base.getPort());
    assertThat(request.getRawUserInfo()).isNull();
    assertThat(request.getRawFragment()).isNull();
    assertThat(request.getPath()).isEqualTo(
        (base.getPath().equals("/") ? "" : base.getPath()) + "/api/v1/query_range");
    assertThat(decodeForm(request.getRawQuery())).isEqualTo(params);
  }

  @Test
  void theF1UrlCannotMoveTheRewrittenQueryEvenIfABaseKeptItsQuery() {
    assertThatThrownBy(() -> PrometheusClientSettings.defaults(
        URI.create("http://prom:9090/api/v1/query_range?query=team_b&x=")))
        .hasMessageContaining("without userinfo, query or fragment");
    URI request = PrometheusClient.requestUri(URI.create("http://prom:9090/prom"),
        "api/v1/query", Map.of("query", "x{namespace=\"a\"}&query=y"));
    assertThat(request).hasToString("http://prom:9090/prom/api/v1/query?query=x%7Bnamespace"
        + "%3D%22a%22%7D%26query%3Dy");
  }

  private static String hostileText(Random draw) {
    String alphabet = "&=?#%+ /\\@\"'{}[]()|\n\u00e9\u20ac\ud83d\ude00azAZ09";
    StringBuilder out = new StringBuilder();
    for (int i = draw.nextInt(40); i >= 0; i--) {
      int at = draw.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        out.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Map<String, String> decodeForm(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  /** A plain base URL in its canonical parts, spelled in random equivalent ways. */
  private record Parts(String scheme, String host, int port, String path) {

    static Parts draw(Random draw) {
      String scheme = draw.nextBoolean() ? "http" : "https";
      String host = switch (draw.nextInt(4)) {
        case 0 -> "127.0.0." + (1 + draw.nextInt(3));
        case 1 -> "[::1]";
        default -> List.of("prom", "prometheus.monitoring", "thanos-query.mon.svc")
            .get(draw.nextInt(3));
      };
      int port = switch (draw.nextInt(3)) {
        case 0 -> scheme.equals("http") ? 80 : 443;
        case 1 -> 9090;
        default -> 1 + draw.nextInt(65_535);
      };
      String path = List.of("", "/prom", "/a/b", "/api-v1_x~y").get(draw.nextInt(4));
      return new Parts(scheme, host, port, path);
    }

    /** A spelling: random case of scheme and host, default port implicit or not, "/" or not. */
    String spell(Random draw) {
      boolean defaultPort = port == (scheme.equals("http") ? 80 : 443);
      String portText = defaultPort && draw.nextBoolean() ? "" : ":" + port;
      String slash = draw.nextBoolean() ? "/" : "";
      return randomCase(scheme, draw) + "://" + randomCase(host, draw) + portText + path + slash;
    }

    private static String randomCase(String text, Random draw) {
      StringBuilder out = new StringBuilder();
      for (char c : text.toCharArray()) {
        out.append(draw.nextBoolean() ? Character.toUpperCase(c)
            : Character.toLowerCase(c));
      }
      return out.toString().toLowerCase(Locale.ROOT).equals(text) ? out.toString() : text;
    }
  }
}
