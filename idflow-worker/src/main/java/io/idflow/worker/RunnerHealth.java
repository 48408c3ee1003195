package io.idflow.worker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a runner's health, as {@code /health} reports it.
 *
 * @param ready true when the runner is running and every worker that is not paused polled
 *     successfully the last time it tried
 * @param state the runner's state
 * @param workers each worker's health, by task type
 */
public record RunnerHealth(boolean ready, TaskRunner.State state, Map<String, Worker> workers) {

  /** Validates and copies. */
  public RunnerHealth {
    Objects.requireNonNull(state, "state");
    workers = Map.copyOf(workers);
  }

  /** What a worker is doing. */
  public enum Status {
    /** Has not completed a poll yet. */
    STARTING,
    /** Its last poll succeeded. */
    POLLING,
    /** Its last poll failed. */
    FAILING,
    /** Paused: not polling. */
    PAUSED
  }

  /**
   * One worker's health.
   *
   * @param status what it is doing
   * @param lastPoll when its last poll ended (null before the first)
   * @param error the last poll's error while {@link Status#FAILING} (else null)
   * @param undeliveredResults results of finished tasks kept for delivery because Conductor could
   *     not take them yet
   */
  public record Worker(Status status, Instant lastPoll, String error, int undeliveredResults) {
    /** Validates. */
    public Worker {
      Objects.requireNonNull(status, "status");
      if (undeliveredResults < 0) {
        throw new IllegalArgumentException("undeliveredResults must not be negative");
      }
    }

    /** A worker's health with no undelivered results. */
    public Worker(Status status, Instant lastPoll, String error) {
      this(status, lastPoll, error, 0);
    }
  }
}
