package io.countcast.signal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns successive snapshots of pods into the number of container restarts that are new since
 * the previous snapshot. Pure logic: no clock, no I/O.
 *
 * <p>The rules (each one covered by a unit test):
 * <ul>
 *   <li>Counters are tracked per (pod uid, init or regular, container name). A pod replaced under
 *       the same name has a new uid and is therefore a new pod.</li>
 *   <li>A pod whose uid was never seen counts its current restartCounts in full only if it was
 *       created at or after the baseline (the time the tracker started watching, truncated to
 *       whole seconds because creationTimestamp has second resolution). A pod created before the
 *       baseline is a baseline: its restarts happened before we watched, so they count 0.</li>
 *   <li>A container first reported on a pod we already observed counts its restartCount in full:
 *       its status did not exist at the previous observation, so every restart it reports
 *       happened since. (This is how a status that appears late, e.g. while a pod leaves
 *       Pending, is handled.)</li>
 *   <li>A counter lower than the last value seen means the kubelet started the counter over
 *       (the container or the pod sandbox was recreated). The new value is counted as the number
 *       of restarts since that reset; restarts between the last observation and the reset are
 *       unknowable and are not counted. The delta is never negative.</li>
 *   <li>A container missing from one observation of a pod that is still present keeps its last
 *       value, so it is not counted again when it reappears.</li>
 *   <li>A pod absent from an observation (deleted) is forgotten; increments seen up to its last
 *       observation were already counted. Restarts between its last observation and its
 *       deletion are lost.</li>
 * </ul>
 *
 * <p>Nothing is counted twice across operator restarts: {@link #serialize()} yields the baseline,
 * the last observation time and the last counter per container; {@link #restore(String)} resumes
 * from it, so after a restart only increments over the persisted counters are new.
 */
public final class RestartDeltaTracker {

  private static final String FORMAT = "v1";

  private final Instant baseline;
  private Instant lastObservedAt;
  /** pod uid -> container key ("c:name" / "i:name") -> last restartCount seen. */
  private Map<String, Map<String, Integer>> lastCounts;

  private RestartDeltaTracker(Instant baseline, Instant lastObservedAt,
                              Map<String, Map<String, Integer>> lastCounts) {
    this.baseline = baseline;
    this.lastObservedAt = lastObservedAt;
    this.lastCounts = lastCounts;
  }

  /** A tracker that treats everything created before {@code baseline} as already counted. */
  public static RestartDeltaTracker startingAt(Instant baseline) {
    return new RestartDeltaTracker(
        Objects.requireNonNull(baseline, "baseline").truncatedTo(ChronoUnit.SECONDS), null,
        new HashMap<>());
  }

  /** When the tracker started watching (whole seconds). */
  public Instant baseline() {
    return baseline;
  }

  /** The time of the last observation, or null before the first one. */
  public Instant lastObservedAt() {
    return lastObservedAt;
  }

  /** Number of pods currently remembered. */
  public int trackedPods() {
    return lastCounts.size();
  }

  /**
   * Records a complete snapshot of the selected pods taken at {@code at} and returns the number
   * of restarts that are new since the previous snapshot.
   *
   * @throws IllegalArgumentException if {@code at} is before the previous observation
   */
  public long observe(Instant at, Collection<PodObservation> pods) {
    Objects.requireNonNull(at, "observation time");
    if (lastObservedAt != null && at.isBefore(lastObservedAt)) {
      throw new IllegalArgumentException(
          "observation at " + at + " is older than the previous one at " + lastObservedAt);
    }
    Map<String, Map<String, Integer>> next = new HashMap<>(pods.size() * 2);
    long newRestarts = 0;
    for (PodObservation pod : pods) {
      Map<String, Integer> previous = lastCounts.get(pod.uid());
      // Start from the previous counters so a container that is briefly unreported keeps them.
      Map<String, Integer> counters =
          previous == null ? new LinkedHashMap<>() : new LinkedHashMap<>(previous);
      boolean newPod = previous == null && !pod.created().isBefore(baseline);
      for (ContainerRestarts container : pod.containers()) {
        int now = container.restartCount();
        Integer last = counters.put(container.key(), now);
        newRestarts += increment(previous == null, newPod, last, now);
      }
      next.put(pod.uid(), counters);
    }
    lastCounts = next; // pods absent from this snapshot are forgotten
    lastObservedAt = at;
    return newRestarts;
  }

  private static long increment(boolean unseenPod, boolean newPod, Integer last, int now) {
    if (unseenPod) {
      return newPod ? now : 0;
    }
    if (last == null || now < last) {
      return now; // first report of this container, or the kubelet started its counter over
    }
    return now - last;
  }

  /**
   * A compact text form of the state: a header line {@code v1 <baselineMillis> <lastMillis|->}
   * then one line per pod {@code <uid> c:app=3 i:init=0}. About 60 bytes per single-container pod.
   */
  public String serialize() {
    StringBuilder out = new StringBuilder(64 + lastCounts.size() * 64);
    out.append(FORMAT).append(' ').append(baseline.toEpochMilli()).append(' ')
        .append(lastObservedAt == null ? "-" : Long.toString(lastObservedAt.toEpochMilli()));
    lastCounts.forEach((uid, counters) -> {
      out.append('\n').append(uid);
      counters.forEach((key, count) -> out.append(' ').append(key).append('=').append(count));
    });
    return out.toString();
  }

  /**
   * Rebuilds a tracker from {@link #serialize()} output.
   *
   * @throws IllegalArgumentException naming the line and the problem if the text is malformed
   */
  public static RestartDeltaTracker restore(String state) {
    String[] lines = Objects.requireNonNull(state, "tracker state").split("\n");
    String[] header = lines[0].split(" ");
    if (header.length != 3 || !FORMAT.equals(header[0])) {
      throw new IllegalArgumentException(
          "tracker state line 1: expected '" + FORMAT + " <baseline> <last>', got '" + lines[0] + "'");
    }
    Instant baseline = Instant.ofEpochMilli(parseLong(header[1], 1, "baseline"));
    Instant last = "-".equals(header[2]) ? null
        : Instant.ofEpochMilli(parseLong(header[2], 1, "last observation"));
    Map<String, Map<String, Integer>> counts = new HashMap<>(lines.length * 2);
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(" ");
      Map<String, Integer> counters = new LinkedHashMap<>();
      for (int f = 1; f < fields.length; f++) {
        int eq = fields[f].indexOf('=');
        boolean validKey = eq > 2 && (fields[f].startsWith("c:") || fields[f].startsWith("i:"));
        if (!validKey) {
          throw new IllegalArgumentException("tracker state line " + (i + 1)
              + ": expected 'c:<container>=<count>' or 'i:<container>=<count>', got '" + fields[f] + "'");
        }
        long count = parseLong(fields[f].substring(eq + 1), i + 1, "restart count");
        if (count > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(
              "tracker state line " + (i + 1) + ": restart count " + count + " is out of range");
        }
        counters.put(fields[f].substring(0, eq), (int) count);
      }
      counts.put(fields[0], counters);
    }
    return new RestartDeltaTracker(baseline, last, counts);
  }

  private static long parseLong(String text, int line, String what) {
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "tracker state line " + line + ": " + what + " '" + text + "' is not a non-negative integer");
    }
  }
}
