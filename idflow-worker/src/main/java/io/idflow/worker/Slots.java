package io.idflow.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The execution slots of one worker (one per task thread): the poller takes free slots before it
 * polls and asks for as many tasks as it holds; a task gives its slot back when its result is
 * reported. Thread-safe.
 */
final class Slots {

  private final Semaphore permits;
  private final int size;

  Slots(int size) {
    this.size = size;
    this.permits = new Semaphore(size);
  }

  /**
   * Takes slots for one poll: waits up to {@code wait} for a first free slot, then takes the free
   * ones up to {@code max}. When that is less than half of {@code max} (most threads are busy, so
   * tasks are queued faster than they run), it waits up to {@code linger} for more slots to come
   * free, so that a saturated worker polls in batches instead of once per finished task.
   *
   * @return the slots taken; 0 when none came free within {@code wait}
   */
  int acquire(int max, Duration wait, Duration linger) throws InterruptedException {
    if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return 0;
    }
    int granted = 1;
    while (granted < max && permits.tryAcquire()) {
      granted++;
    }
    if (granted * 2 < max && !linger.isZero()) {
      long deadline = System.nanoTime() + linger.toNanos();
      while (granted * 2 < max) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
          break;
        }
        granted++;
      }
      while (granted < max && permits.tryAcquire()) {
        granted++;
      }
    }
    return granted;
  }

  /** Gives slots back. */
  void release(int n) {
    if (n > 0) {
      permits.release(n);
    }
  }

  /** The slots free right now. */
  int free() {
    return permits.availablePermits();
  }

  /** The number of slots. */
  int size() {
    return size;
  }
}
