package io.idflow.worker.internal;

import java.time.Duration;

/**
 * Decides what a stop signal means. The first starts the drain. A signal that comes while the first
 * is still being handled, or within {@link #SAME_REQUEST} after the drain began, is the same
 * request delivered twice (a supervisor that signals the process and its group, a launcher that
 * forwards a signal the JVM also got): the drain goes on. Only a later signal, sent while the drain
 * runs, stops at once. Thread-safe.
 */
final class StopRequests {

  /** Signals this close to the drain's start are taken as one request. */
  static final Duration SAME_REQUEST = Duration.ofSeconds(1);

  /** What to do about a signal. */
  enum Action {
    /** The first signal: start the drain. */
    DRAIN,
    /** A repeat of the first request: the drain goes on. */
    SAME_REQUEST,
    /** A second request while the drain runs: stop at once. */
    STOP_NOW,
    /** Already stopping at once: nothing more to do. */
    NOTHING
  }

  private boolean drainRequested;
  private long drainBeganNanos = Long.MIN_VALUE;
  private boolean stopNow;

  /**
   * Records a signal.
   *
   * @param nowNanos {@link System#nanoTime()} when it arrived
   */
  synchronized Action onSignal(long nowNanos) {
    if (!drainRequested) {
      drainRequested = true;
      return Action.DRAIN;
    }
    if (stopNow) {
      return Action.NOTHING;
    }
    if (drainBeganNanos == Long.MIN_VALUE || nowNanos - drainBeganNanos < SAME_REQUEST.toNanos()) {
      return Action.SAME_REQUEST;
    }
    stopNow = true;
    return Action.STOP_NOW;
  }

  /**
   * Records that the drain began (the runner stopped polling and waits for the tasks in flight).
   *
   * @param nowNanos {@link System#nanoTime()} when it began
   */
  synchronized void drainBegan(long nowNanos) {
    drainBeganNanos = nowNanos;
  }
}
