package io.countcast.signal;

/**
 * A {@link PredictionArchive} as read from its ConfigMap, with the resourceVersion to write it
 * back.
 *
 * @param archive the decoded archive, or null when the ConfigMap is corrupt
 * @param resourceVersion metadata.resourceVersion of the ConfigMap when it was read
 * @param corruption why the ConfigMap could not be used (naming the key and line), or null
 */
public record StoredPredictions(PredictionArchive archive, String resourceVersion,
    String corruption) {

  /** True when the ConfigMap could not be decoded. */
  public boolean isCorrupt() {
    return corruption != null;
  }
}
