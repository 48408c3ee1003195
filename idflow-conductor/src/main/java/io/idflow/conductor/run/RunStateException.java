package io.idflow.conductor.run;

import io.idflow.api.RefusedException;

/**
 * The run is in a state that does not allow the action: pausing a run that ended, resuming one that
 * is not paused, retrying one that did not fail, signalling one that waits for nothing. Nothing was
 * changed.
 */
public class RunStateException extends RefusedException {

  /**
   * Creates the exception.
   *
   * @param message a one-line message naming the run, its state and the action
   * @param cause Conductor's answer, or null
   */
  public RunStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
