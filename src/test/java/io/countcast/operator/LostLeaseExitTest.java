package io.countcast.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LostLeaseExitTest {

  @Test
  void aLeaseLostWhileRunningEndsTheProcessWithStatusOneOnAnotherThread() {
    CompletableFuture<String> exited = new CompletableFuture<>();
    LostLeaseExit exit = new LostLeaseExit(new AtomicBoolean(false),
        status -> exited.complete(status + " on " + Thread.currentThread().getName()));

    exit.callbacks().onStopLeading();

    await().atMost(Duration.ofSeconds(5)).until(exited::isDone);
    assertThat(exited.join()).isEqualTo("1 on countcast-lost-lease-exit");
  }

  @Test
  void theReleaseWhileClosingIsNotALoss() throws InterruptedException {
    AtomicBoolean called = new AtomicBoolean();
    LostLeaseExit exit = new LostLeaseExit(new AtomicBoolean(true), status -> called.set(true));

    exit.callbacks().onStopLeading();

    Thread.sleep(200);
    assertThat(called).isFalse();
  }
}
