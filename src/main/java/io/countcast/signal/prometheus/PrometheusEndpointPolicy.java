package io.countcast.signal.prometheus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which Prometheus endpoints a CountForecast may name: only the base URLs the administrator
 * allowed ({@code --prometheus-allowed-urls}, by default {@code --prometheus-url} alone). A
 * tenant who could pick the URL could send the operator's credentials, and its requests, to a
 * host of their choice and read the answer back through the status.
 *
 * <p>URLs are compared after {@link #normalise normalisation}: scheme and host lower-cased, the
 * scheme's default port made explicit, a trailing slash dropped. The normaliser refuses rather
 * than repairs anything that could make two spellings of one URL compare differently, or one
 * spelling resolve somewhere else: userinfo, query, fragment, percent-encoding, backslashes,
 * dot segments, empty segments, whitespace and non-ASCII characters.
 *
 * <p>Pure: no I/O and no DNS. Thread-safe (immutable).
 */
public final class PrometheusEndpointPolicy {

  /** Longest URL the normaliser reads (the CRD allows the same). */
  public static final int MAX_URL_LENGTH = 2048;
  private static final int MAX_ECHO = 120;

  private final URI defaultUrl;
  private final Map<String, URI> allowed;

  private PrometheusEndpointPolicy(URI defaultUrl, Map<String, URI> allowed) {
    this.defaultUrl = defaultUrl;
    this.allowed = allowed;
  }

  /**
   * The administrator's policy.
   *
   * @param defaultUrl the URL of CountForecasts that name none ({@code --prometheus-url}), or
   *     null
   * @param allowedUrls the URLs CountForecasts may name; empty means {@code defaultUrl} alone
   * @throws IllegalArgumentException if a URL is not a plain http(s) base URL, or the default
   *     is not among a non-empty allowed list
   */
  public static PrometheusEndpointPolicy of(URI defaultUrl, List<URI> allowedUrls) {
    Map<String, URI> allowed = new LinkedHashMap<>();
    for (URI url : allowedUrls) {
      URI normal = normalise(url.toString());
      allowed.put(normal.toString(), normal);
    }
    URI normalDefault = defaultUrl == null ? null : normalise(defaultUrl.toString());
    if (normalDefault != null) {
      if (!allowed.isEmpty() && !allowed.containsKey(normalDefault.toString())) {
        throw new IllegalArgumentException("the default Prometheus URL " + normalDefault
            + " is not among the allowed URLs " + allowed.keySet());
      }
      allowed.putIfAbsent(normalDefault.toString(), normalDefault);
    }
    return new PrometheusEndpointPolicy(normalDefault, Map.copyOf(allowed));
  }

  /** The allowed base URLs, normalised. */
  public List<URI> allowed() {
    return List.copyOf(allowed.values());
  }

  /** The default URL, normalised, or null. */
  public URI defaultUrl() {
    return defaultUrl;
  }

  /**
   * The allowed base URL a CountForecast's {@code signal.prometheus.url} stands for: the default
   * when {@code specUrl} is null or blank, else the allowed URL it equals after normalisation.
   *
   * @throws EndpointRefused if the URL is malformed or not allowed, or none is set and there is
   *     no default; no request may be made then
   */
  public URI check(String specUrl) {
    if (specUrl == null || specUrl.isBlank()) {
      if (defaultUrl == null) {
        throw new EndpointRefused(false, "signal.prometheus.url is not set and the operator has "
            + "no default Prometheus URL");
      }
      return defaultUrl;
    }
    URI normal;
    try {
      normal = normalise(specUrl);
    } catch (IllegalArgumentException e) {
      throw new EndpointRefused(true, "spec.signal.prometheus.url: " + e.getMessage());
    }
    URI match = allowed.get(normal.toString());
    if (match == null) {
      throw new EndpointRefused(true, "spec.signal.prometheus.url: " + normal
          + " is not a Prometheus URL this operator may query" + (allowed.isEmpty()
              ? " (none is allowed)" : "; allowed: " + String.join(", ", allowed.keySet()))
          + " (operator option --prometheus-allowed-urls)");
    }
    return match;
  }

  /**
   * The canonical form of an http(s) base URL: {@code scheme://host:port/path} with scheme and
   * host lower-case, the port explicit, and the path without trailing slash ({@code /} when
   * empty).
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static URI normalise(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("the URL is empty");
    }
    if (text.length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException("the URL is " + text.length()
          + " characters long (limit " + MAX_URL_LENGTH + ")");
    }
    for (int i = 0; i < text.length(); i++) {
      String refused = refusedCharacter(text.charAt(i));
      if (refused != null) {
        throw new IllegalArgumentException(refused + " at position " + (i + 1) + " of '"
            + echo(text) + "'; give a plain base URL such as http://prometheus.monitoring:9090");
      }
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + echo(text) + "' is not a valid URL: "
          + e.getReason());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("'" + echo(text) + "' is not an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("'" + echo(text) + "' has no valid host name");
    }
    int port = uri.getPort() == -1 ? (scheme.equals("http") ? 80 : 443) : uri.getPort();
    if (port == 0) {
      throw new IllegalArgumentException("'" + echo(text) + "' has port 0");
    }
    String path = normalPath(uri.getRawPath(), text);
    try {
      return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), port, path, null,
          null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + echo(text) + "' is not a valid URL: "
          + e.getReason());
    }
  }

  /** Why the character may not appear in a base URL, or null if it may. */
  private static String refusedCharacter(char c) {
    return switch (c) {
      case '?' -> "a query ('?') is not allowed";
      case '#' -> "a fragment ('#') is not allowed";
      case '@' -> "userinfo ('@') is not allowed";
      case '%' -> "percent-encoding ('%') is not allowed";
      case '\\' -> "a backslash is not allowed";
      default -> c <= 0x20 || c >= 0x7f
          ? "whitespace, control and non-ASCII characters are not allowed (use punycode for "
              + "international host names)"
          : null;
    };
  }

  private static String normalPath(String rawPath, String text) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
      return "/";
    }
    String trimmed = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
        : rawPath;
    List<String> segments = new ArrayList<>(List.of(trimmed.substring(1).split("/", -1)));
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("'" + echo(text)
            + "' has an empty, '.' or '..' path segment");
      }
    }
    return "/" + String.join("/", segments);
  }

  /** The start of a user's text for a message, without control characters. */
  private static String echo(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return text.length() > MAX_ECHO ? out + "..." : out.toString();
  }

  /** A URL the policy refuses; the message is one line for a status condition. */
  public static final class EndpointRefused extends RuntimeException {

    private final boolean notAllowed;

    EndpointRefused(boolean notAllowed, String message) {
      super(message);
      this.notAllowed = notAllowed;
    }

    /** True for a URL that is set but refused; false when none is set and there is no default. */
    public boolean notAllowed() {
      return notAllowed;
    }
  }
}
