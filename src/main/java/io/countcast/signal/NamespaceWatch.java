package io.countcast.signal;

import java.util.List;

/**
 * One namespace's cached copy of one kind of object, kept current by a watch
 * ({@link InformerWatch}). A tick may use the copy only while it is {@link #current()}: complete
 * (the initial list arrived) and followed (the watch is up). Otherwise the caller asks the API
 * server, so nothing is ever decided on a copy that may have fallen behind.
 */
public interface NamespaceWatch<T> {

  /** True while the copy is complete and its watch is up. */
  boolean current();

  /** True once the watch has given up for good (it failed to start, or was closed). */
  boolean stopped();

  /** The cached objects of the namespace (slim copies). */
  List<T> items();

  /** The cached object named {@code name}, or null if the namespace has none. */
  T get(String name);

  /** Stops the watch and drops the copy. */
  void close();
}
