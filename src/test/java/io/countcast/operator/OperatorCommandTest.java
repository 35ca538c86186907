package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.countcast.cli.CountcastCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * Bad usage of {@code countcast operator} is one line on stderr and exit code 2, before any
 * cluster is contacted. (Running it against an API server: {@link OperatorRuntimeIT}.)
 */
class OperatorCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void anOutOfRangePortIsBadInput() {
    int code = run("operator", "--http-port", "70000");

    assertThat(code).isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("error: --http-port must be 0..65535, got 70000\n");
  }

  @Test
  void aPortInUseIsBadInput() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code = run("operator", "--http-address", "127.0.0.1",
          "--http-port", Integer.toString(taken.getLocalPort()), "--no-leader-election");

      assertThat(code).isEqualTo(CountcastCli.BAD_INPUT);
      assertThat(err.toString()).startsWith("error: cannot serve HTTP on 127.0.0.1:"
          + taken.getLocalPort() + ": ").endsWith("\n").hasLineCount(1);
    }
  }

  @Test
  void aPrometheusUrlThatIsNotHttpIsBadInput() {
    int code = run("operator", "--prometheus-url", "ftp://prometheus:9090");

    assertThat(code).isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString()).isEqualTo(
        "error: --prometheus-url must be an absolute http(s) URL, got ftp://prometheus:9090\n");
  }

  @Test
  void allowedUrlsMustBePlainBaseUrlsThatIncludeTheDefault() {
    assertThat(run("operator", "--prometheus-allowed-urls", "http://a:9090,gopher://b"))
        .isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("error: --prometheus-allowed-urls must be an absolute "
        + "http(s) URL, got gopher://b\n");
    err.getBuffer().setLength(0);

    assertThat(run("operator", "--prometheus-url", "http://c:9090",
        "--prometheus-allowed-urls", "http://a:9090, http://b:9090/prom")).isEqualTo(
            CountcastCli.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("error: --prometheus-url / --prometheus-allowed-urls: "
        + "the default Prometheus URL http://c:9090/ is not among the allowed URLs "
        + "[http://a:9090/, http://b:9090/prom]\n");
    err.getBuffer().setLength(0);

    assertThat(run("operator", "--prometheus-allowed-urls", "http://a:9090/?x=1"))
        .isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString()).startsWith("error: --prometheus-url / --prometheus-allowed-urls: "
        + "a query ('?') is not allowed");
  }

  @Test
  void helpListsTheOptionsAndTheirEnvironmentVariables() {
    int code = run("operator", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--namespaces", "COUNTCAST_NAMESPACES", "--http-port",
        "--[no-]leader-election", "--lease-namespace", "POD_NAMESPACE", "--identity",
        "--prometheus-url", "COUNTCAST_PROMETHEUS_URL", "--[no-]prometheus-cross-namespace",
        "COUNTCAST_PROMETHEUS_CROSS_NAMESPACE", "--prometheus-token-file",
        "COUNTCAST_PROMETHEUS_TOKEN_FILE", "--prometheus-allowed-urls",
        "COUNTCAST_PROMETHEUS_ALLOWED_URLS", "--selector", "COUNTCAST_SELECTOR",
        "--lease-name", "COUNTCAST_LEASE_NAME", "--prometheus-max-concurrency",
        "COUNTCAST_PROMETHEUS_MAX_CONCURRENCY");
  }

  @Test
  void aPrometheusConcurrencyBelowOneIsBadInput() {
    int code = run("operator", "--prometheus-max-concurrency", "0");

    assertThat(code).isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo("error: --prometheus-max-concurrency must be at least 1, got 0\n");
  }

  @Test
  void aBlankLeaseNameIsBadInput() {
    int code = run("operator", "--lease-name", " ");

    assertThat(code).isEqualTo(CountcastCli.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("error: --lease-name must not be blank\n");
  }

  private int run(String... args) {
    return CountcastCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
