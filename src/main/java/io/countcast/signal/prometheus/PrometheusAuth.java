package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.PrometheusException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * How requests authenticate to Prometheus. The operator resolves Secrets itself and passes the
 * plain values here; this package never talks to Kubernetes.
 */
public sealed interface PrometheusAuth {

  /** The {@code Authorization} header value to send, if any. */
  Optional<String> authorizationHeader();

  /** No authentication. */
  static PrometheusAuth none() {
    return new None();
  }

  /** No {@code Authorization} header. */
  record None() implements PrometheusAuth {
    @Override
    public Optional<String> authorizationHeader() {
      return Optional.empty();
    }
  }

  /** A bearer token given as a string (for example read from a Secret by the operator). */
  record BearerToken(String token) implements PrometheusAuth {
    public BearerToken {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("bearer token is empty");
      }
    }

    @Override
    public Optional<String> authorizationHeader() {
      return Optional.of("Bearer " + token.trim());
    }

    @Override
    public String toString() {
      return "BearerToken[***]";
    }
  }

  /**
   * A bearer token read from a file on every request, so rotated service-account tokens are
   * picked up without a restart.
   */
  record BearerTokenFile(Path file) implements PrometheusAuth {
    @Override
    public Optional<String> authorizationHeader() {
      try {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
          throw new PrometheusException(Kind.CONFIGURATION, "bearer token file " + file + " is empty");
        }
        return Optional.of("Bearer " + token);
      } catch (IOException e) {
        throw new PrometheusException(Kind.CONFIGURATION, "cannot read bearer token file " + file + ": " + e, e);
      }
    }
  }

  /** HTTP basic authentication. */
  record Basic(String username, String password) implements PrometheusAuth {
    public Basic {
      if (username == null || username.isEmpty() || username.contains(":")) {
        throw new IllegalArgumentException("basic auth username must be non-empty without ':'");
      }
      if (password == null) {
        throw new IllegalArgumentException("basic auth password is required");
      }
    }

    @Override
    public Optional<String> authorizationHeader() {
      String pair = username + ":" + password;
      return Optional.of("Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", ***]";
    }
  }
}
