package io.countcast.signal;

/**
 * The history ConfigMap was changed by someone else since it was read, so writing it would lose
 * their change. Reload and retry.
 */
public final class HistoryConflictException extends RuntimeException {

  HistoryConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
