package io.countcast.signal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Watches of one kind of object, one per namespace that needs it, shared by the CountForecasts
 * of that namespace (the holders, by uid). A namespace's watch starts when its first holder
 * uses it and stops when its last holder is released, so the operator caches only namespaces
 * that have CountForecasts needing it, and each CountForecast reads only its own namespace.
 *
 * <p>{@link #use} returns the watch only while it is {@linkplain NamespaceWatch#current()
 * current}; else null, and the caller reads the API server instead (a LIST or a GET), as it did
 * without a cache: a watch that is still listing, reconnecting or failed never feeds a tick. A
 * watch that stopped for good (its start failed: the API server was down, or RBAC denies the
 * watch) is replaced at the next use at least {@link #REOPEN_AFTER} after it was opened, so a
 * watch that cannot start costs a list and a watch request per namespace that often, not per
 * tick. Thread-safe; the critical sections are map lookups.
 */
public final class NamespaceCaches<T> {

  /** The least time between two starts of one namespace's watch. */
  static final Duration REOPEN_AFTER = Duration.ofSeconds(30);

  private record Opened<T>(NamespaceWatch<T> watch, long atNanos) {}

  private final Function<String, NamespaceWatch<T>> open;
  private final LongSupplier nanoTime;
  private final Map<String, Opened<T>> byNamespace = new HashMap<>();
  private final Map<String, Set<String>> holdersByNamespace = new HashMap<>();
  private final Map<String, String> namespaceByHolder = new HashMap<>();

  /** @param open starts a watch of one namespace */
  public NamespaceCaches(Function<String, NamespaceWatch<T>> open) {
    this(open, System::nanoTime);
  }

  /** With the clock given, for tests of the reopening delay. */
  NamespaceCaches(Function<String, NamespaceWatch<T>> open, LongSupplier nanoTime) {
    this.open = open;
    this.nanoTime = nanoTime;
  }

  /**
   * Registers {@code holder} in {@code namespace} (starting the namespace's watch if it is the
   * first) and returns the watch if it is current, else null.
   */
  public synchronized NamespaceWatch<T> use(String holder, String namespace) {
    String previous = namespaceByHolder.put(holder, namespace);
    if (previous != null && !previous.equals(namespace)) {
      leave(holder, previous);
    }
    holdersByNamespace.computeIfAbsent(namespace, ns -> new HashSet<>()).add(holder);
    Opened<T> opened = byNamespace.get(namespace);
    long now = nanoTime.getAsLong();
    if (opened == null || opened.watch().stopped()
        && now - opened.atNanos() >= REOPEN_AFTER.toNanos()) {
      if (opened != null) {
        opened.watch().close();
      }
      opened = new Opened<>(open.apply(namespace), now);
      byNamespace.put(namespace, opened);
    }
    NamespaceWatch<T> watch = opened.watch();
    return watch.current() ? watch : null;
  }

  /** Forgets {@code holder}; the watch of its namespace stops if it was the last. */
  public synchronized void release(String holder) {
    String namespace = namespaceByHolder.remove(holder);
    if (namespace != null) {
      leave(holder, namespace);
    }
  }

  private void leave(String holder, String namespace) {
    Set<String> holders = holdersByNamespace.get(namespace);
    holders.remove(holder);
    if (holders.isEmpty()) {
      holdersByNamespace.remove(namespace);
      Opened<T> opened = byNamespace.remove(namespace);
      if (opened != null) {
        opened.watch().close();
      }
    }
  }

  /** The namespaces watched now. */
  public synchronized Set<String> namespaces() {
    return Set.copyOf(byNamespace.keySet());
  }

  /** Stops every watch (operator shutdown). */
  public synchronized void close() {
    byNamespace.values().forEach(opened -> opened.watch().close());
    byNamespace.clear();
    holdersByNamespace.clear();
    namespaceByHolder.clear();
  }
}
