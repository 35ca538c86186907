package io.countcast.signal;

/**
 * A {@link SignalState} as read from its ConfigMap, with the resourceVersion to write it back.
 *
 * @param state the decoded state
 * @param resourceVersion metadata.resourceVersion of the ConfigMap when it was read
 */
public record StoredSignalState(SignalState state, String resourceVersion) {
}
