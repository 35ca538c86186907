package io.countcast.operator;

/**
 * What the reconciler does with an {@link Error} from one CountForecast's reconcile. JOSDK
 * handles exceptions (updateErrorStatus, reschedule), but an Error escaping a reconcile would
 * leave that resource never reconciled again; so every Error the JVM can survive becomes an
 * exception scoped to that one resource. A {@link StackOverflowError} is survivable (the stack
 * has unwound by the time it is caught); the other {@link VirtualMachineError}s
 * (OutOfMemoryError, InternalError) are not and are rethrown.
 */
final class ReconcileBoundary {

  /** An Error turned into an exception, reported as ReconcileError on its resource. */
  static final class RecoveredError extends RuntimeException {

    RecoveredError(Error cause) {
      super(cause.getClass().getSimpleName() + " while reconciling"
          + (cause instanceof StackOverflowError ? " (input nested too deeply)" : "")
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
  }

  private ReconcileBoundary() {}

  /**
   * {@code failure} as an exception for this resource, or rethrown when the JVM cannot go on.
   * RuntimeExceptions are returned as they are.
   */
  static RuntimeException recoverable(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      return e;
    }
    if (failure instanceof VirtualMachineError e && !(e instanceof StackOverflowError)) {
      throw e;
    }
    return failure instanceof Error e ? new RecoveredError(e) : new IllegalStateException(failure);
  }
}
