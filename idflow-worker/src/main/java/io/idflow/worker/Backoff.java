package io.idflow.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter for failed polls and reports: the first delay, doubling per
 * failure up to a cap, each delay scaled by a random factor in [0.8, 1.2) so that many runners that
 * lost the same server do not retry in step. Immutable and thread-safe.
 */
final class Backoff {

  /** The runner's back-off: 100 ms doubling to 5 s. */
  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  private final Duration first;
  private final Duration max;

  Backoff(Duration first, Duration max) {
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("back-off needs 0 <= first <= max");
    }
    this.first = first;
    this.max = max;
  }

  /** The delay after this many failures before (0 for the first failure), with random jitter. */
  Duration delay(int failures) {
    return delay(failures, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The delay after this many failures, for a given random number.
   *
   * @param random a number in [0, 1) that picks the jitter
   */
  Duration delay(int failures, double random) {
    long base = first.toMillis() << Math.min(Math.max(failures, 0), 20);
    long capped = Math.min(base, max.toMillis());
    double jitter = 0.8 + random * 0.4;
    return Duration.ofMillis((long) (capped * jitter));
  }
}
