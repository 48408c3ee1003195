package io.idflow.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TaskRunner} polls for and executes one task type. Resolved for each worker by {@link
 * WorkerConfig} from idflow's defaults, the worker's annotation, the configuration and flags.
 *
 * <p>While tasks keep arriving (a task was received within {@code idleAfter}) the worker polls
 * without server-side waiting and sleeps {@code pollingInterval} after an empty poll: the lowest
 * latency. When it has been idle for longer, it switches to server long polls of {@code
 * idlePollTimeout} for a single task, which costs almost no CPU on either side; the first task
 * after an idle period therefore waits up to the server's long-poll granularity (100 ms on the
 * SQLite server).
 *
 * @param threads tasks of this type executed at once (at least 1); default 8
 * @param pollingInterval sleep after an empty poll while busy; default 5 ms
 * @param batchSize most tasks asked for in one poll (at least 1, capped by free threads); default
 *     equal to {@code threads}. While fewer than half of it are free, the worker waits up to {@code
 *     pollingInterval} for more threads to come free before it polls.
 * @param domain the task domain to poll, or empty for none
 * @param paused whether the worker starts paused (no polling until resumed)
 * @param idleAfter how long without a task before the worker counts as idle; default 2 s
 * @param idlePollTimeout the server long-poll timeout while idle (0 disables long polls: idle
 *     workers then keep polling every {@code pollingInterval}); default 1 s, at most 5 s
 */
public record WorkerSettings(
    int threads,
    Duration pollingInterval,
    int batchSize,
    String domain,
    boolean paused,
    Duration idleAfter,
    Duration idlePollTimeout) {

  /** The longest long poll the Conductor server accepts. */
  public static final Duration MAX_IDLE_POLL_TIMEOUT = Duration.ofSeconds(5);

  /** Validates the settings. */
  public WorkerSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
    }
    requireNonNegative(pollingInterval, "pollingInterval");
    requireNonNegative(idleAfter, "idleAfter");
    requireNonNegative(idlePollTimeout, "idlePollTimeout");
    if (idlePollTimeout.compareTo(MAX_IDLE_POLL_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "idlePollTimeout must be at most " + MAX_IDLE_POLL_TIMEOUT.toMillis() + " ms");
    }
    domain = domain == null ? "" : domain.trim();
  }

  /** idflow's defaults for a worker whose annotation and configuration set nothing. */
  public static WorkerSettings defaults() {
    return new WorkerSettings(
        8, Duration.ofMillis(5), 8, "", false, Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  /** The same settings with another thread count (and the batch size capped by it). */
  public WorkerSettings withThreads(int newThreads) {
    return new WorkerSettings(
        newThreads,
        pollingInterval,
        Math.min(batchSize, Math.max(1, newThreads)),
        domain,
        paused,
        idleAfter,
        idlePollTimeout);
  }

  /** The same settings, paused or not. */
  public WorkerSettings withPaused(boolean newPaused) {
    return new WorkerSettings(
        threads, pollingInterval, batchSize, domain, newPaused, idleAfter, idlePollTimeout);
  }

  /** The domain, or null when none (what the poll API expects). */
  String domainOrNull() {
    return domain.isEmpty() ? null : domain;
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
