package io.countcast.signal.prometheus;

/**
 * Reading the signal from Prometheus failed: unreachable server, timeout, an error answer, or an
 * answer the signal cannot use (several series, malformed JSON). The message is one plain line
 * fit for a resource status condition.
 */
public class PrometheusException extends RuntimeException {

  public PrometheusException(String message) {
    super(message);
  }

  public PrometheusException(String message, Throwable cause) {
    super(message, cause);
  }
}
