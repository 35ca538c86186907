package io.countcast.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A full local control plane (etcd, kube-apiserver with RBAC, kube-controller-manager) started
 * through {@code scripts/control-plane.sh start} on free loopback ports in a temporary state
 * directory, for tests that need controllers (Deployments scaling, HPA, garbage collection),
 * which fabric8 kube-api-test's bare API server does not run.
 *
 * <p>Use one per test class: {@code @RegisterExtension static final ControlPlane CONTROL_PLANE =
 * new ControlPlane();} then {@code CONTROL_PLANE.client()}. Outside JUnit, {@link #start()} and
 * {@link #close()} do the same. The processes are also stopped if the JVM exits early.
 *
 * <p>Needs the binaries from {@code scripts/control-plane.sh install}.
 */
public final class ControlPlane implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 300;
  private static final long STOP_TIMEOUT_SECONDS = 60;
  /** Free ports are probed, then released; another process may take one before we bind it. */
  private static final int START_ATTEMPTS = 3;
  private static final String PORT_TAKEN = "already in use"; // our check, or bind() in a log

  private final Path script;
  private Path stateDir;
  private Map<String, String> environment;
  private KubernetesClient client;
  private Thread shutdownHook;

  /** A control plane driven by the repository's {@code scripts/control-plane.sh}. */
  public ControlPlane() {
    this(Path.of("scripts", "control-plane.sh").toAbsolutePath());
  }

  /** A control plane driven by the given copy of {@code control-plane.sh}. */
  public ControlPlane(Path script) {
    this.script = script;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Starts the control plane and waits until the API server and controller manager are ready. */
  public synchronized void start() {
    if (client != null) {
      throw new IllegalStateException("control plane already started in " + stateDir);
    }
    try {
      stateDir = Files.createTempDirectory("countcast-control-plane-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory for the control plane", e);
    }
    // Registered before starting, so a JVM that dies mid-start still stops what did start.
    shutdownHook = new Thread(this::stopProcessesAndDeleteState, "control-plane-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      startOnFreePorts();
      client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig())))
          .build();
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof RuntimeException re ? re
          : new UncheckedIOException("cannot read the control plane's kubeconfig", (IOException) e);
    }
  }

  private void startOnFreePorts() {
    for (int attempt = 1; ; attempt++) {
      environment = environmentWithFreePorts(stateDir);
      try {
        runScript("start", START_TIMEOUT_SECONDS);
        return;
      } catch (IllegalStateException e) {
        if (attempt == START_ATTEMPTS || !e.getMessage().contains(PORT_TAKEN)) {
          throw e;
        }
      }
    }
  }

  /** An admin client (group system:masters) for the running control plane. */
  public KubernetesClient client() {
    if (client == null) {
      throw new IllegalStateException("control plane not started");
    }
    return client;
  }

  /** The admin kubeconfig file written by {@code control-plane.sh start}. */
  public Path kubeconfig() {
    return stateDir.resolve("kubeconfig");
  }

  /** Stops the processes this instance started and deletes its state directory. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (shutdownHook != null) {
      stopProcessesAndDeleteState();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException jvmAlreadyShuttingDown) {
        // The hook is running or about to run; stopping twice is harmless.
      }
      shutdownHook = null;
    }
  }

  private synchronized void stopProcessesAndDeleteState() {
    if (stateDir == null || !Files.isDirectory(stateDir)) {
      return;
    }
    try {
      runScript("stop", STOP_TIMEOUT_SECONDS);
    } finally {
      deleteRecursively(stateDir);
    }
  }

  private static Map<String, String> environmentWithFreePorts(Path stateDir) {
    List<Integer> ports = freeLoopbackPorts(4);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CP_DIR", stateDir.toString());
    env.put("CP_ETCD_PORT", ports.get(0).toString());
    env.put("CP_ETCD_PEER_PORT", ports.get(1).toString());
    env.put("CP_APISERVER_PORT", ports.get(2).toString());
    env.put("CP_KCM_PORT", ports.get(3).toString());
    return env;
  }

  /** Distinct ports the OS reports free right now (a later race is unlikely and fails loudly). */
  private static List<Integer> freeLoopbackPorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Only probing for a free port; nothing to clean up.
        }
      }
    }
  }

  private void runScript(String command, long timeoutSeconds) {
    Path output = stateDir.resolve("control-plane-" + command + ".out");
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("control-plane.sh " + command + " did not finish in "
            + timeoutSeconds + "s:\n" + Files.readString(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("control-plane.sh " + command + " failed (exit "
            + process.exitValue() + "):\n" + Files.readString(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running control-plane.sh " + command, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete control plane state " + dir, e);
    }
  }
}
