package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReconcileBoundaryTest {

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void aStackOverflowBecomesAnExceptionOfThatResource() {
    Error overflow;
    try {
      recurse(0);
      throw new AssertionError("unreachable");
    } catch (StackOverflowError e) {
      overflow = e;
    }
    RuntimeException scoped = ReconcileBoundary.recoverable(overflow);
    assertThat(scoped).isInstanceOf(ReconcileBoundary.RecoveredError.class)
        .hasMessage("StackOverflowError while reconciling (input nested too deeply)")
        .hasCause(overflow);
  }

  @Test
  void otherErrorsTheJvmSurvivesAreScopedToo() {
    assertThat(ReconcileBoundary.recoverable(new AssertionError("bad state")))
        .hasMessage("AssertionError while reconciling: bad state");
    assertThat(ReconcileBoundary.recoverable(new ExceptionInInitializerError("init")))
        .isInstanceOf(ReconcileBoundary.RecoveredError.class);
    IllegalStateException plain = new IllegalStateException("x");
    assertThat(ReconcileBoundary.recoverable(plain)).isSameAs(plain);
  }

  @Test
  void errorsTheJvmCannotSurviveAreRethrown() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    assertThatThrownBy(() -> ReconcileBoundary.recoverable(oom)).isSameAs(oom);
    InternalError internal = new InternalError("vm");
    assertThatThrownBy(() -> ReconcileBoundary.recoverable(internal)).isSameAs(internal);
  }
}
