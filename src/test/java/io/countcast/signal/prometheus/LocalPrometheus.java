package io.countcast.signal.prometheus;

import io.countcast.signal.prometheus.testdata.CounterSeries;
import io.countcast.signal.prometheus.testdata.HttpTrafficGenerator;
import io.countcast.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus for tests, driven through {@code scripts/prometheus.sh} with its own state
 * directory and a free loopback port. The state lives under /dev/shm when available: promtool
 * writes one block per 2 h of backfilled data, and on a busy disk that dominates the run time.
 */
public final class LocalPrometheus implements AutoCloseable {

  private static final Path SCRIPT = Path.of("scripts/prometheus.sh").toAbsolutePath();

  private final Path dir;
  private final int port;
  private String scrapeTarget;

  private LocalPrometheus(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A fresh, not yet started instance. */
  public static LocalPrometheus create() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path parent = Files.isDirectory(shm) && Files.isWritable(shm)
        ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    return new LocalPrometheus(Files.createTempDirectory(parent, "countcast-prom-"), FreePorts.next());
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public void backfill(Path openMetrics) {
    run("backfill", openMetrics.toString());
  }

  /** Backfills generated counters (through a temporary OpenMetrics file); must be stopped. */
  public void backfill(List<CounterSeries> generated) throws IOException {
    Path file = Files.createTempFile("countcast-traffic", ".om");
    try {
      HttpTrafficGenerator.writeOpenMetrics(generated, file);
      backfill(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  public void start() {
    run("start");
  }

  /** Starts scraping {@code hostPort}'s /metrics every 15 s, with honor_labels. */
  public void start(String hostPort) {
    scrapeTarget = hostPort;
    run("start");
  }

  public void stop() {
    run("stop");
  }

  @Override
  public void close() throws IOException {
    try {
      stop();
    } finally {
      deleteRecursively(dir);
    }
  }

  private void run(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("script.log").toFile());
    pb.environment().put("PROM_DIR", dir.toString());
    pb.environment().put("PROM_PORT", Integer.toString(port));
    if (scrapeTarget != null) {
      pb.environment().put("PROM_SCRAPE_TARGET", scrapeTarget);
    }
    try {
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("prometheus.sh " + args[0] + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("prometheus.sh " + String.join(" ", args)
            + " failed: " + Files.readString(dir.resolve("script.log")));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + SCRIPT + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
