package io.countcast.signal.prometheus;

/**
 * Reading the signal from Prometheus failed: unreachable server, timeout, an error answer, or an
 * answer the signal cannot use (several series, malformed JSON). The message is one plain line
 * fit for a resource status condition: it names the HTTP status and our classification, never
 * text from the answer, so nothing a server sends can be read back through a status. What the
 * server said (Prometheus' own error text, or the start of a body that is not its API) is kept
 * apart in {@link #detail()} for the operator's log. The {@link Kind} says what went wrong, so
 * the operator can report a precise reason.
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
  private final String detail;

  public PrometheusException(Kind kind, String message) {
    super(message);
    this.kind = kind;
    this.detail = null;
  }

  public PrometheusException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.detail = null;
  }

  /**
   * @param detail what the server said, abbreviated; for the log only, never for a status
   */
  public PrometheusException(Kind kind, String message, String detail) {
    super(message);
    this.kind = kind;
    this.detail = detail;
  }

  /** What the server said (abbreviated), or null; for the operator's log, never a status. */
  public String detail() {
    return detail;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
