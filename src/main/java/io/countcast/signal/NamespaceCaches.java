package io.countcast.signal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Watches of one kind of object, one per namespace that needs it, shared by the CountForecasts
 * of that namespace (the holders, by uid). A namespace's watch starts when its first holder
 * uses it and stops when its last holder is released, so the operator caches only namespaces
 * that have CountForecasts needing it, and each CountForecast reads only its own namespace.
 *
 * <p>{@link #use} returns the watch only while it is {@linkplain NamespaceWatch#current()
 * current}; else null, and the caller reads the API server instead (a LIST or a GET), as it did
 * without a cache: a watch that is still listing, reconnecting or failed never feeds a tick. A
 * watch that stopped for good (its start failed, e.g. the API server was down) is replaced at
 * the next use. Thread-safe; the critical sections are map lookups.
 */
public final class NamespaceCaches<T> {

  private final Function<String, NamespaceWatch<T>> open;
  private final Map<String, NamespaceWatch<T>> byNamespace = new HashMap<>();
  private final Map<String, Set<String>> holdersByNamespace = new HashMap<>();
  private final Map<String, String> namespaceByHolder = new HashMap<>();

  /** @param open starts a watch of one namespace */
  public NamespaceCaches(Function<String, NamespaceWatch<T>> open) {
    this.open = open;
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
    NamespaceWatch<T> watch = byNamespace.get(namespace);
    if (watch == null || watch.stopped()) {
      watch = open.apply(namespace);
      byNamespace.put(namespace, watch);
    }
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
      NamespaceWatch<T> watch = byNamespace.remove(namespace);
      if (watch != null) {
        watch.close();
      }
    }
  }

  /** The namespaces watched now. */
  public synchronized Set<String> namespaces() {
    return Set.copyOf(byNamespace.keySet());
  }

  /** Stops every watch (operator shutdown). */
  public synchronized void close() {
    byNamespace.values().forEach(NamespaceWatch::close);
    byNamespace.clear();
    holdersByNamespace.clear();
    namespaceByHolder.clear();
  }
}
