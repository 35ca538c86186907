package io.countcast.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process when this replica loses its Lease while running, so two replicas never
 * reconcile at once; but not when the operator itself is closing. JOSDK's own
 * {@code exitOnStopLeading} cannot tell the two apart: on SIGTERM the shutdown hook stops the
 * operator, stopping releases the Lease, the release counts as "stopped leading", and
 * {@code System.exit} called from inside a shutdown hook blocks forever, so the pod would hang
 * until the kubelet's SIGKILL. The exit runs on its own thread for the same reason: the shutdown
 * hooks it starts stop the executor whose thread delivered the callback.
 */
final class LostLeaseExit {

  private static final Logger LOG = LoggerFactory.getLogger(LostLeaseExit.class);

  private final AtomicBoolean closing;
  private final IntConsumer exit;

  /**
   * @param closing set by the operator before it stops; a lost Lease after that is our release
   * @param exit how to end the process ({@code System::exit} in production)
   */
  LostLeaseExit(AtomicBoolean closing, IntConsumer exit) {
    this.closing = closing;
    this.exit = exit;
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(() -> { }, this::stoppedLeading, leader -> { });
  }

  void stoppedLeading() {
    if (closing.get()) {
      return;
    }
    LOG.error("lost the Lease; exiting so that no two replicas reconcile at once");
    new Thread(() -> exit.accept(1), "countcast-lost-lease-exit").start();
  }
}
