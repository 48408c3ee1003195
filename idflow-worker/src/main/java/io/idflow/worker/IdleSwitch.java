package io.idflow.worker;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides how a worker polls: while tasks keep arriving (one was received within {@code idleAfter})
 * it polls without server-side waiting; after that it long-polls for one task with {@code
 * idlePollTimeout}, which costs almost nothing on either side. A new worker counts as busy, so that
 * it polls at once. One poller owns it; {@link #received()} may also be called by the threads that
 * take a task over with their report.
 */
final class IdleSwitch {

  private final long idleAfterNanos;
  private final Duration idlePollTimeout;
  private final LongSupplier nanoClock;
  private volatile long lastTaskNanos;

  IdleSwitch(Duration idleAfter, Duration idlePollTimeout, LongSupplier nanoClock) {
    this.idleAfterNanos = idleAfter.toNanos();
    this.idlePollTimeout = idlePollTimeout;
    this.nanoClock = nanoClock;
    this.lastTaskNanos = nanoClock.getAsLong();
  }

  /** Whether the next poll is a long poll (the worker has been idle, and long polls are on). */
  boolean longPoll() {
    return !idlePollTimeout.isZero() && nanoClock.getAsLong() - lastTaskNanos >= idleAfterNanos;
  }

  /** The server-side wait of the next poll, in milliseconds. */
  int timeoutMs(boolean longPoll) {
    return longPoll ? (int) idlePollTimeout.toMillis() : 0;
  }

  /** Tasks arrived: the worker is busy again. */
  void received() {
    lastTaskNanos = nanoClock.getAsLong();
  }
}
