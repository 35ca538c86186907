package io.countcast.signal.prometheus;

import io.countcast.signal.HistoryStore;
import io.countcast.signal.OwnerInfo;
import io.countcast.signal.SampleHistory;
import io.countcast.signal.SeriesArrays;
import io.countcast.signal.SignalState;
import io.countcast.signal.StoredSignalState;
import io.countcast.signal.WindowSample;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Prometheus signal of one CountForecast, persisted like the restart signal in the owned
 * ConfigMap of {@link HistoryStore}: on each tick it fetches the windows completed since the
 * newest stored one (the whole history on the very first tick, so a model can be fitted at once)
 * and saves them.
 *
 * <p>Restart behaviour: fetching resumes after the newest <em>stored</em> window, so an operator
 * restart or a leader change refetches nothing that was stored; windows after it (including
 * trailing windows Prometheus had no value for) are asked again, which is idempotent because a
 * window is only appended after the newest stored one.
 *
 * <p>The stored state records its source as {@code prometheus:<fingerprint>} of the queries as
 * sent, so a history read with other queries (or another signal) is discarded, not mixed in;
 * so is one cut with another window length. Windows without an exposure query are stored with
 * exposure {@value #UNIT_EXPOSURE} (a log offset of 0).
 *
 * <p>A Prometheus failure leaves the stored history untouched and propagates as
 * {@link PrometheusException}. Not thread-safe: one tick at a time.
 */
public final class PrometheusSignalCollector {

  /** Exposure of a window when the spec has no exposure query. */
  public static final double UNIT_EXPOSURE = 1.0;
  private static final String SOURCE_PREFIX = "prometheus:";
  /** A fetch of more windows than this is a backfill, paced by the {@link BackfillPacer}. */
  static final int BACKFILL_WINDOWS = 12;

  private final PrometheusSignalSource source;
  private final HistoryStore store;
  private final String namespace;
  private final OwnerInfo owner;
  private final long windowSeconds;
  private final int capacity;
  private final String sourceId;
  private final BackfillPacer pacer;

  private SampleHistory history;
  private String resourceVersion;
  private String discarded;

  /**
   * @param window window length (the source's)
   * @param capacity windows kept, {@link SampleHistory#capacityFor}
   */
  public PrometheusSignalCollector(PrometheusSignalSource source, HistoryStore store,
      String namespace, OwnerInfo owner, Duration window, int capacity) {
    this(source, store, namespace, owner, window, capacity, null);
  }

  /**
   * The same, with backfills paced by {@code pacer} (shared by all CountForecasts of an
   * operator), or unpaced when it is null.
   */
  public PrometheusSignalCollector(PrometheusSignalSource source, HistoryStore store,
      String namespace, OwnerInfo owner, Duration window, int capacity, BackfillPacer pacer) {
    this.pacer = pacer;
    this.source = source;
    this.store = store;
    this.namespace = namespace;
    this.owner = owner;
    this.windowSeconds = window.getSeconds();
    this.capacity = capacity;
    this.sourceId = SOURCE_PREFIX + fingerprint(source.countQuery(), source.exposureQuery());
  }

  /**
   * Fetches and stores the windows completed since the newest stored one.
   *
   * @return the number of windows added
   * @throws PrometheusException if Prometheus cannot be read; nothing is stored then
   * @throws io.countcast.signal.HistoryConflictException if another writer changed the ConfigMap
   * @throws BackfillDeferredException if this tick would backfill (no stored window, or more
   *     than {@value #BACKFILL_WINDOWS} windows missing) and the pacer says not yet; nothing
   *     is fetched then
   */
  public int tick(Instant now) {
    boolean stored = history != null || restore();
    List<WindowSample> newest = history.samples();
    Long after = newest.isEmpty() ? null : newest.get(newest.size() - 1).endEpochSecond();
    if (pacer != null && (after == null
        || now.getEpochSecond() - after > BACKFILL_WINDOWS * windowSeconds)) {
      Duration wait = pacer.reserve(owner.uid(), now);
      if (!wait.isZero()) {
        throw new BackfillDeferredException(wait);
      }
    }
    int added = 0;
    for (io.countcast.signal.prometheus.WindowSample w : source.fetch(after, now)) {
      if (after == null || w.start() >= after) {
        history.add(new WindowSample(w.start(), w.end(), w.count(),
            w.hasExposure() ? w.exposure() : UNIT_EXPOSURE));
        added++;
      }
    }
    if (added > 0 || !stored) {
      persist();
    }
    return added;
  }

  /** The stored windows as arrays (loads the ConfigMap if nothing was loaded yet). */
  public SeriesArrays series() {
    if (history == null) {
      restore();
    }
    return history.toArrays();
  }

  /**
   * Why the stored history was discarded and collection started afresh (a corrupt ConfigMap),
   * or null when it never was; kept for the life of this collector.
   */
  public String discardedHistory() {
    return discarded;
  }

  /** The source id stored with the history. */
  public String sourceId() {
    return sourceId;
  }

  /**
   * Loads the stored windows; returns false (with an empty history) when there are none of this
   * source and window length or they are corrupt, keeping the resourceVersion so the next save replaces them.
   */
  private boolean restore() {
    Optional<StoredSignalState> stored = store.load(namespace, owner.name());
    resourceVersion = stored.map(StoredSignalState::resourceVersion).orElse(null);
    if (stored.isPresent() && stored.get().isCorrupt()) {
      discarded = stored.get().corruption();
    }
    boolean usable = stored.isPresent() && !stored.get().isCorrupt()
        && sourceId.equals(stored.get().state().source())
        && stored.get().state().windowSeconds() == windowSeconds;
    history = SampleHistory.of(capacity, usable ? stored.get().state().samples() : List.of());
    return usable;
  }

  private void persist() {
    SignalState state = new SignalState(windowSeconds, history.samples(), "", null, sourceId);
    try {
      resourceVersion = store.save(namespace, owner, state, resourceVersion);
    } catch (RuntimeException e) {
      history = null; // reload the persisted truth next tick rather than diverge from it
      throw e;
    }
  }

  /** First 16 hex digits of SHA-256 over the queries as sent. */
  static String fingerprint(String countQuery, String exposureQuery) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (countQuery + "\n" + (exposureQuery == null ? "" : exposureQuery))
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
