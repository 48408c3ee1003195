package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlotsTest {

  private static final Duration LONG = Duration.ofMinutes(5);

  @Test
  void takesEveryFreeSlotUpToTheBatchSize() throws Exception {
    Slots slots = new Slots(8);
    assertThat(slots.acquire(5, LONG, LONG)).isEqualTo(5);
    assertThat(slots.free()).isEqualTo(3);
    // Fewer than half a batch free: without linger it polls for what there is.
    assertThat(slots.acquire(8, LONG, Duration.ZERO)).isEqualTo(3);
    assertThat(slots.free()).isZero();
  }

  @Test
  void takesNothingWhenNoSlotComesFreeInTime() throws Exception {
    Slots slots = new Slots(2);
    slots.acquire(2, LONG, LONG);
    assertThat(slots.acquire(2, Duration.ZERO, LONG)).isZero();
  }

  @Test
  void aSaturatedWorkerWaitsForHalfABatchBeforeItPolls() throws Exception {
    Slots slots = new Slots(8);
    assertThat(slots.acquire(8, LONG, LONG)).isEqualTo(8);
    CompletableFuture<Integer> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return slots.acquire(8, LONG, LONG);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    for (int i = 0; i < 4; i++) {
      assertThat(next).isNotDone();
      slots.release(1); // a task finished
    }
    assertThat(next.get(1, TimeUnit.MINUTES)).isEqualTo(4);
    assertThat(slots.free()).isZero();
  }

  @Test
  void withoutLingerASaturatedWorkerPollsForTheFirstFreeSlot() throws Exception {
    Slots slots = new Slots(8);
    slots.acquire(8, LONG, LONG);
    CompletableFuture<Integer> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return slots.acquire(8, LONG, Duration.ZERO);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    slots.release(1);
    assertThat(next.get(1, TimeUnit.MINUTES)).isEqualTo(1);
  }
}
