package io.countcast.signal.prometheus.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countcast.signal.prometheus.NamespaceEnforcer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Queries written to hang or overflow the parser (rows F3 and F5 of issue 13): each is refused
 * with a PromqlException naming the limit, or accepted, within a bound of time and on a thread
 * with a small stack, never with a StackOverflowError or an OutOfMemoryError.
 */
class HostileQueryLimitsTest {

  /** A thread stack smaller than JOSDK's reconciler threads get by default. */
  private static final long SMALL_STACK = 256 * 1024;

  @Test
  void twoThousandNestedParenthesesAreRefusedByDepth() {
    String query = "(".repeat(2000) + "up" + ")".repeat(2000);
    assertRefused(query, "nested more than 64 levels deep");
  }

  @Test
  void minusRepeatedToTheLengthLimitIsRefusedByDepth() {
    assertRefused("-".repeat(4094) + "up", "nested more than 64 levels deep");
  }

  @Test
  void longOperatorChainsAndSubqueryChainsAreRefusedByDepth() {
    assertRefused("up" + " + up".repeat(1000), "nested more than 64 levels deep");
    assertRefused("up" + " ^ up".repeat(1000), "nested more than 64 levels deep");
    assertRefused("sum(".repeat(500) + "up" + ")".repeat(500), "nested more than 64 levels deep");
    assertRefused("rate(up[5m])" + "[1h:]".repeat(600), "nested more than 64 levels deep");
  }

  @Test
  void realisticDepthIsAccepted() {
    String query = "(".repeat(60) + "up" + ")".repeat(60);
    assertThat(parse(query)).isNotNull();
    assertThat(parse("up" + " + up".repeat(40))).isNotNull();
  }

  @Test
  void overlongQueriesAreRefusedBeforeLexing() {
    assertRefused("up" + " ".repeat(PromqlParser.MAX_QUERY_LENGTH), "characters long (limit 8192)");
  }

  /** F3: java.util.regex backtracked exponentially on this while checking the empty match. */
  @Test
  void sixtyEmptyAlternationsAreCheckedInLinearTime() {
    String query = "sum(up{job=~\"" + "(|)".repeat(60) + "x\"})";
    long start = System.nanoTime();
    String confined = new NamespaceEnforcer().enforce(query, "team-a");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(confined).endsWith(",namespace=\"team-a\"})");
    // The same alternation alone matches the empty string, so the selector needs a name.
    assertRefused("{job=~\"" + "(|)".repeat(60) + "\"}", "at least one matcher");
  }

  /** RE2J would compile these into 10^6 to 10^12 instructions; Go refuses them too. */
  @Test
  void regexesTooLargeToCompileAreRefused() {
    assertRefused("up{job=~\"((a{1000}){1000}){1000}\"}", "nested counted repetitions multiply");
    assertRefused("up{job!~\"(a{2}){501}\"}", "nested counted repetitions multiply");
    assertRefused("up{job=~\"" + "a{1000}".repeat(101) + "\"}", "more than 100000 instructions");
    assertThat(parse("up{job=~\"(a{2}){500}\"}")).isNotNull();
    assertThat(parse("up{job=~\"a{1000}\"}")).isNotNull();
    assertThat(parse("up{job=~\"x{1,}[{}]\\\\{5000}\"}")).isNotNull();
  }

  @Test
  void regexSizeSkipsEscapesAndClassesAndReadsRepeatForms() {
    assertThat(RegexSize.of("abc")).isEqualTo(new RegexSize(3, 1));
    assertThat(RegexSize.of("(ab){3}")).isEqualTo(new RegexSize(9, 3));
    assertThat(RegexSize.of("a{2,5}")).isEqualTo(new RegexSize(5, 5));
    assertThat(RegexSize.of("a{7,}")).isEqualTo(new RegexSize(7, 7));
    assertThat(RegexSize.of("[a{9}]")).isEqualTo(new RegexSize(1, 1));
    assertThat(RegexSize.of("\\{9}")).isEqualTo(new RegexSize(3, 1));
    assertThat(RegexSize.of("\\Q{9}\\E")).isEqualTo(new RegexSize(1, 1));
    assertThat(RegexSize.of("a{x}").nestedRepeat()).isEqualTo(1);
    assertThat(RegexSize.of("((a{10}){10}){10}").nestedRepeat()).isEqualTo(1000);
    assertThat(RegexSize.of("(((a{99999999999}").withinLimits()).isFalse();
  }

  private static Expr parse(String query) {
    return onSmallStack(() -> PromqlParser.parse(query));
  }

  private static void assertRefused(String query, String reason) {
    assertThatThrownBy(() -> onSmallStack(() -> new NamespaceEnforcer().enforce(query, "team-a")))
        .isInstanceOf(PromqlException.class)
        .hasMessageStartingWith("PromQL rejected at column ")
        .hasMessageContaining(reason);
  }

  /** Runs {@code work} on a thread with {@link #SMALL_STACK}, rethrowing what it throws. */
  private static <T> T onSmallStack(java.util.function.Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.complete(work.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "small-stack", SMALL_STACK);
    thread.start();
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError("not a RuntimeException", e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
