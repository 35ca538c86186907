package io.countcast.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The restart signal of one CountForecast: on each tick it lists the selected pods, counts new
 * restarts into windows (see {@link WindowedRestartCounter}) and persists the history and the
 * tracker state with {@link HistoryStore}.
 *
 * <p>When state is written: on the first tick (to fix the baseline) and whenever a window closes,
 * so one ConfigMap write per window. Because the tracker state is written together with the
 * windows it produced, a crash between two writes loses nothing and counts nothing twice: after
 * a restart the restored counters are older, and the increments since then are counted once, in
 * the first window after the restart. If a write fails (including a conflict) the in-memory
 * state is dropped and reloaded on the next tick, for the same reason.
 *
 * <p>If the stored window length differs from the configured one, the stored windows are
 * discarded (they cannot be mixed) but the tracker counters are kept.
 *
 * <p>A tick that finds no selected pod records nothing, not even the first baseline: there is
 * nothing to count, the caller reports it (NoPodsSelected), and the time without pods is a gap
 * like time with the operator down (see {@link WindowedRestartCounter}).
 *
 * <p>Not thread-safe: call {@link #tick(Instant)} from one thread at a time.
 */
public final class RestartSignalCollector {

  private final PodRestartSource source;
  private final HistoryStore store;
  private final String namespace;
  private final OwnerInfo owner;
  private final Duration window;
  private final int capacity;

  private WindowedRestartCounter counter;
  private SampleHistory history;
  private String resourceVersion;
  private String discarded;

  /**
   * @param window window length, whole seconds
   * @param historyLength how far back to keep windows; capacity = historyLength ÷ window
   */
  public RestartSignalCollector(PodRestartSource source, HistoryStore store, String namespace,
                                OwnerInfo owner, Duration window, Duration historyLength) {
    this.source = source;
    this.store = store;
    this.namespace = namespace;
    this.owner = owner;
    this.window = window;
    this.capacity = SampleHistory.capacityFor(historyLength, window);
  }

  /**
   * What one tick saw and produced.
   *
   * @param pods the number of selected pods listed; 0 means nothing was recorded
   * @param closed the windows that closed (already persisted), oldest first
   */
  public record Tick(int pods, List<WindowSample> closed) {

    public Tick {
      closed = List.copyOf(closed);
    }
  }

  /**
   * Observes the pods at {@code now}, records them unless there are none, and says how many
   * pods it saw and which windows closed.
   *
   * @throws HistoryConflictException if another writer changed the ConfigMap; the next tick
   *     reloads it
   */
  public Tick tick(Instant now) {
    // Listed first: one LIST both counts the pods and feeds the counter.
    List<PodObservation> pods = source.observe();
    if (pods.isEmpty()) {
      return new Tick(0, List.of());
    }
    boolean firstTick = false;
    boolean restored = false;
    if (counter == null) {
      restored = restore();
      if (!restored) {
        startAfresh(now);
        firstTick = true;
      }
    }
    List<WindowSample> closed;
    try {
      closed = counter.observe(now, pods);
    } catch (IllegalArgumentException e) {
      if (!restored) {
        throw e;
      }
      // The stored tracker cannot go on from now (e.g. a last observation in the future).
      discarded = "ConfigMap " + namespace + "/" + HistoryStore.configMapName(owner.name())
          + " key 'tracker': " + e.getMessage();
      startAfresh(now);
      firstTick = true;
      closed = counter.observe(now, pods);
    }
    closed.forEach(history::add);
    if (firstTick || !closed.isEmpty()) {
      persist();
    }
    return new Tick(pods.size(), closed);
  }

  /**
   * Why the stored history was discarded and collection started afresh (a corrupt ConfigMap),
   * or null when it never was; kept for the life of this collector.
   */
  public String discardedHistory() {
    return discarded;
  }

  private void startAfresh(Instant now) {
    counter = new WindowedRestartCounter(window, RestartDeltaTracker.startingAt(now), null);
    history = new SampleHistory(capacity);
  }

  /** The stored windows as arrays (loads the ConfigMap if nothing was loaded yet). */
  public SeriesArrays series() {
    if (history == null && !restore()) {
      return new SampleHistory(capacity).toArrays();
    }
    return history.toArrays();
  }

  /**
   * Loads the stored state; returns false if none was saved, it belongs to another signal
   * source (the spec switched signals) or it is corrupt (then {@link #discardedHistory} says
   * why), keeping its resourceVersion so the next save replaces it.
   */
  private boolean restore() {
    Optional<StoredSignalState> stored = store.load(namespace, owner.name());
    resourceVersion = stored.map(StoredSignalState::resourceVersion).orElse(null);
    if (stored.isPresent() && stored.get().isCorrupt()) {
      discarded = stored.get().corruption();
      return false;
    }
    if (stored.isEmpty() || !SignalState.POD_RESTARTS.equals(stored.get().state().source())) {
      return false;
    }
    SignalState state = stored.get().state();
    RestartDeltaTracker tracker;
    try {
      tracker = RestartDeltaTracker.restore(state.trackerState());
    } catch (IllegalArgumentException e) {
      discarded = "ConfigMap " + namespace + "/" + HistoryStore.configMapName(owner.name())
          + " key 'tracker': " + e.getMessage();
      return false;
    }
    boolean sameWindow = state.windowSeconds() == window.getSeconds();
    counter = new WindowedRestartCounter(window, tracker, sameWindow ? state.openWindow() : null);
    history = SampleHistory.of(capacity, sameWindow ? state.samples() : List.of());
    return true;
  }

  private void persist() {
    SignalState state = new SignalState(window.getSeconds(), history.samples(),
        counter.tracker().serialize(), counter.openWindow());
    try {
      resourceVersion = store.save(namespace, owner, state, resourceVersion);
    } catch (RuntimeException e) {
      counter = null; // reload the persisted truth next tick rather than diverge from it
      history = null;
      throw e;
    }
  }
}
