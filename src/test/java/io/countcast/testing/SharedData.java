package io.countcast.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared real series (NAB tweet counts) that CI keeps beside the clone at
 * {@code ../shared/data/nab/} (or {@code ../../shared/data/nab/} from a worktree). They are not
 * part of the repository, so a user's fresh clone does not have them: tests that need them are
 * skipped with the reason, unless {@value #REQUIRE} is {@code true} (CI's {@code .ci/run} sets
 * it), when their absence fails the test instead, so CI can never skip them silently.
 */
public final class SharedData {

  /** Environment variable that turns a missing data set into a failure. */
  public static final String REQUIRE = "COUNTCAST_REQUIRE_SHARED_DATA";

  private static final List<Path> NAB_DIRS = List.of(Path.of("..", "shared", "data", "nab"),
      Path.of("..", "..", "shared", "data", "nab"));
  private static final String PROBE = "Twitter_volume_AAPL.csv";

  private SharedData() {
  }

  /** The NAB directory, if it is there. */
  public static Optional<Path> findNab() {
    return NAB_DIRS.stream().filter(d -> Files.isReadable(d.resolve(PROBE))).findFirst();
  }

  /** The NAB directory; skips the calling test when it is absent (fails it in CI). */
  public static Path nabOrSkip() {
    Optional<Path> dir = findNab();
    if (dir.isEmpty()) {
      String why = "the shared NAB series are not at " + NAB_DIRS.stream()
          .map(p -> p.toAbsolutePath().normalize().toString()).toList()
          + " (CI has them beside the clone; a fresh clone does not)";
      if ("true".equals(System.getenv(REQUIRE))) {
        throw new IllegalStateException(REQUIRE + "=true but " + why);
      }
      Assumptions.abort("skipped: " + why);
    }
    return dir.get();
  }
}
