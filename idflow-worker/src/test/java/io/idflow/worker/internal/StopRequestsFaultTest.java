package io.idflow.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.worker.internal.StopRequests.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault suite, hardening item 11: two SIGTERMs in quick succession skipped the drain (the second
 * was counted as "signal again", 1 run in 6). Only a signal sent after the first one's drain began
 * stops at once. The times are given, not measured, so nothing here depends on the machine.
 */
@Tag("fault")
class StopRequestsFaultTest {

  private static final long MS = 1_000_000L;

  @Test
  void aSecondSignalBeforeTheDrainBeganIsTheSameRequest() {
    StopRequests r = new StopRequests();
    assertThat(r.onSignal(0)).isEqualTo(Action.DRAIN);
    assertThat(r.onSignal(1 * MS)).isEqualTo(Action.SAME_REQUEST);
    r.drainBegan(5 * MS);
    assertThat(r.onSignal(6 * MS)).isEqualTo(Action.SAME_REQUEST);
  }

  @Test
  void aSignalWellAfterTheDrainBeganStopsAtOnceOnce() {
    StopRequests r = new StopRequests();
    assertThat(r.onSignal(0)).isEqualTo(Action.DRAIN);
    r.drainBegan(2 * MS);
    long later = 2 * MS + StopRequests.SAME_REQUEST.toNanos();
    assertThat(r.onSignal(later)).isEqualTo(Action.STOP_NOW);
    assertThat(r.onSignal(later + 1)).isEqualTo(Action.NOTHING);
  }

  @Test
  void twoSignalsHandledAtTheSameTimeStartOneDrainAndNoStop() throws Exception {
    for (int round = 0; round < 200; round++) {
      StopRequests r = new StopRequests();
      long t0 = round * 10 * MS; // one instant for both: the machine's speed cannot matter
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Action>> actions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          actions.add(
              pool.submit(
                  () -> {
                    together.await();
                    Action a = r.onSignal(t0);
                    if (a == Action.DRAIN) {
                      r.drainBegan(t0);
                    }
                    return a;
                  }));
        }
        List<Action> got = new ArrayList<>();
        for (Future<Action> f : actions) {
          got.add(f.get());
        }
        assertThat(got).containsExactlyInAnyOrder(Action.DRAIN, Action.SAME_REQUEST);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
