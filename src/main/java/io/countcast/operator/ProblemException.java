package io.countcast.operator;

/**
 * Thrown by the observe and decide steps for a user-fixable {@link Problem}; the reconciler turns
 * it into status instead of a retry storm.
 */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(String reason, String message) {
    super(message);
    this.problem = new Problem(reason, message);
  }

  public Problem problem() {
    return problem;
  }
}
