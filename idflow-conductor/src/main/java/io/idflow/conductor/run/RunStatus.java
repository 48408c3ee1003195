package io.idflow.conductor.run;

/** The status of a run, as Conductor names it. */
public enum RunStatus {
  /** Started and not ended. */
  RUNNING,
  /** Ended with every task done. */
  COMPLETED,
  /** Ended because a task failed. */
  FAILED,
  /** Ended because it ran past its time-out. */
  TIMED_OUT,
  /** Ended because someone (or something) terminated it. */
  TERMINATED,
  /** Stopped scheduling tasks until it is resumed. */
  PAUSED;

  /** Whether the run has ended (it will not change unless retried, restarted or rerun). */
  public boolean isEnded() {
    return this != RUNNING && this != PAUSED;
  }

  /** Whether the run ended FAILED, TIMED_OUT or TERMINATED. */
  public boolean isUnsuccessful() {
    return this == FAILED || this == TIMED_OUT || this == TERMINATED;
  }
}
