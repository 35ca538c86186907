package io.countcast.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads the NAB tweet series from ../shared/data/nab/, failing loudly when it is absent. */
final class NabData {

  /**
   * ../shared/data/nab relative to the project root; a git worktree one level deeper
   * (/work/wt/NAME) finds it at ../../shared.
   */
  static final List<Path> CANDIDATES = List.of(Path.of("..", "shared", "data", "nab"),
      Path.of("..", "..", "shared", "data", "nab"));
  static final List<String> SYMBOLS = List.of("AAPL", "AMZN", "FB", "IBM", "CVS");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private NabData() {
  }

  static Path file(String symbol) {
    String name = "Twitter_volume_" + symbol + ".csv";
    for (Path dir : CANDIDATES) {
      if (Files.isReadable(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    throw new IllegalStateException("NAB data " + name + " not found in "
        + CANDIDATES.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
        + ": these tests need the shared NAB series at ../shared/data/nab/");
  }

  static CountSeries load(String symbol) throws IOException {
    List<String> lines = Files.readAllLines(file(symbol));
    long[] starts = new long[lines.size() - 1];
    long[] counts = new long[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      starts[i - 1] = LocalDateTime.parse(f[0], FORMAT).toEpochSecond(ZoneOffset.UTC);
      counts[i - 1] = Long.parseLong(f[1].trim());
    }
    return CountSeries.of(300, starts, counts);
  }
}
