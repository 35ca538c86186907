package io.countcast.signal;

/**
 * A {@link SignalState} as read from its ConfigMap, with the resourceVersion to write it back.
 *
 * @param state the decoded state, or null when the ConfigMap is corrupt
 * @param resourceVersion metadata.resourceVersion of the ConfigMap when it was read
 * @param corruption why the ConfigMap could not be used (naming the key and line), or null
 */
public record StoredSignalState(SignalState state, String resourceVersion, String corruption) {

  /** A state that was read. */
  public StoredSignalState(SignalState state, String resourceVersion) {
    this(state, resourceVersion, null);
  }

  /** A ConfigMap that exists but cannot be used; the next save replaces it. */
  public static StoredSignalState corrupt(String resourceVersion, String corruption) {
    return new StoredSignalState(null, resourceVersion, corruption);
  }

  /** True when the ConfigMap could not be decoded. */
  public boolean isCorrupt() {
    return corruption != null;
  }
}
