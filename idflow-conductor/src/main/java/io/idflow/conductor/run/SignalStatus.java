package io.idflow.conductor.run;

/** How a signal ends the waiting task. */
public enum SignalStatus {
  /** The task completes with the signal's data as its output; the run goes on. */
  COMPLETED,
  /** The task fails (retried per its definition, else the run fails). */
  FAILED,
  /** The task fails and is not retried. */
  FAILED_WITH_TERMINAL_ERROR
}
