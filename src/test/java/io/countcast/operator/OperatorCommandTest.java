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
  void helpListsTheOptionsAndTheirEnvironmentVariables() {
    int code = run("operator", "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("--namespaces", "COUNTCAST_NAMESPACES", "--http-port",
        "--[no-]leader-election", "--lease-namespace", "POD_NAMESPACE", "--identity",
        "--prometheus-url", "COUNTCAST_PROMETHEUS_URL", "--[no-]prometheus-cross-namespace",
        "COUNTCAST_PROMETHEUS_CROSS_NAMESPACE", "--prometheus-token-file",
        "COUNTCAST_PROMETHEUS_TOKEN_FILE");
  }

  private int run(String... args) {
    return CountcastCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
