package io.idflow.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, never for a fixed time. */
public final class Waits {

  private Waits() {}

  /**
   * Asks {@code until} every 100 ms until it gives a value other than null or {@code false}.
   *
   * @return that value
   * @throws AssertionError naming {@code what} when {@code limit} passes first
   */
  public static <T> T until(String what, Duration limit, Supplier<T> until) {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      T value = until.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
