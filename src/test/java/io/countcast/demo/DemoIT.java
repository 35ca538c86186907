package io.countcast.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.countcast.testing.FreePorts;
import io.countcast.testing.RuntimeClasspath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's first command, {@code scripts/demo.sh}, as a user would: a real control plane,
 * a real Prometheus, the traffic generator, the stand-in kubelet and the operator, all started
 * and stopped by the script. Only three things differ from a user's run, all through the
 * script's documented environment: free ports (so the test's own control plane and a user's
 * demo are not disturbed), a state directory under the test's temp dir, and the operator run
 * from target/classes via COUNTCAST_CLASSPATH (tests run before Maven packages the jar).
 * Installation is skipped (DEMO_SKIP_INSTALL=1) because scripts/test.sh has just run
 * scripts/install-deps.sh.
 */
class DemoIT {

  private static final Path SCRIPT = Path.of("scripts/demo.sh").toAbsolutePath();
  private static final String[] PORT_VARS = {"DEMO_HTTP_PORT", "DEMO_PROM_PORT",
      "DEMO_TRAFFIC_PORT", "DEMO_APISERVER_PORT", "DEMO_ETCD_PORT", "DEMO_ETCD_PEER_PORT",
      "DEMO_KCM_PORT"};

  @TempDir
  Path dir;

  /** --once: the whole scenario, judged by the script itself (scripts/demo/report.py). */
  @Test
  void onceRunsTheScenarioToCompletionAndStopsEverything() throws Exception {
    Map<String, String> env = demoEnv();
    Path out = dir.resolve("demo.out");
    Process demo = start(env, out, "--once");

    assertThat(demo.waitFor(14, TimeUnit.MINUTES)).as("demo finished within 14 minutes").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(demo.exitValue()).as("exit code; output:%n%s", tail(output)).isZero();
    assertThat(output)
        .contains("What happened, and why")
        .containsPattern("the operator raised HPA checkout's minReplicas from 2 to 6, \\d+ "
            + "minutes before that window")
        .contains("the HPA controller then scaled Deployment checkout to 6 replicas")
        .contains("The demo went as described")
        .doesNotContain("sending SIGKILL");
    assertEverythingStopped(env);
  }

  /** Ctrl-C while the scenario runs: the script stops what it started, by pid, and says so. */
  @Test
  void interruptStopsEverythingItStarted() throws Exception {
    Map<String, String> env = demoEnv();
    Path out = dir.resolve("demo-interrupted.out");
    Process demo = start(env, out);
    Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
        .until(() -> Files.readString(out, StandardCharsets.UTF_8).contains("operator ready"));
    // What a terminal's Ctrl-C sends to the script (the background children ignore SIGINT
    // as asynchronous commands of a non-interactive shell do, so the script must stop them).
    new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();

    assertThat(demo.waitFor(2, TimeUnit.MINUTES)).as("demo stopped after SIGINT").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(demo.exitValue()).as("exit code; output:%n%s", tail(output)).isEqualTo(130);
    assertThat(output).contains("Stopping everything the demo started")
        .contains("prometheus stopped").contains("stopped kube-apiserver")
        .as("every process stopped on SIGTERM").doesNotContain("sending SIGKILL");
    assertEverythingStopped(env);
  }

  private Map<String, String> demoEnv() {
    Map<String, String> env = new HashMap<>();
    for (String name : PORT_VARS) {
      env.put(name, Integer.toString(FreePorts.next()));
    }
    env.put("DEMO_DIR", dir.resolve("state").toString());
    env.put("DEMO_SKIP_INSTALL", "1");
    env.put("COUNTCAST_CLASSPATH", RuntimeClasspath.get());
    return env;
  }

  private static Process start(Map<String, String> env, Path out, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** No process the demo started still listens: its ports are all free again. */
  private static void assertEverythingStopped(Map<String, String> env) {
    for (String name : PORT_VARS) {
      int port = Integer.parseInt(env.get(name));
      assertThat(listening(port)).as("%s %d still listening after the demo", name, port).isFalse();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
  }
}
