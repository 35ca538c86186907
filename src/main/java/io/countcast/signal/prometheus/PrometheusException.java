package io.countcast.signal.prometheus;

/**
 * Reading the signal from Prometheus failed: unreachable server, timeout, an error answer, or an
 * answer the signal cannot use (several series, malformed JSON). The message is one plain line
 * fit for a resource status condition; the {@link Kind} says which, so the operator can report a
 * precise reason.
 */
public class PrometheusException extends RuntimeException {

  /** What went wrong, coarse enough to become a status reason. */
  public enum Kind {
    /** Connection refused/reset, connect timeout, I/O error or HTTP 5xx after all retries. */
    UNAVAILABLE,
    /** No complete answer within the request timeout. */
    TIMEOUT,
    /** An answer that is not the Prometheus API (not JSON, wrong result type, bad number). */
    BAD_RESPONSE,
    /** Prometheus refused or failed the query (4xx bad_data/execution), or it gave a negative count. */
    QUERY_FAILED,
    /** A per-window query returned more than one series. */
    MANY_SERIES,
    /** HTTP 401 or 403: the credentials are missing or wrong. */
    UNAUTHORIZED,
    /** The client could not be set up: TLS material, token file. */
    CONFIGURATION
  }

  private final Kind kind;

  public PrometheusException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PrometheusException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
