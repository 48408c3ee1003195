package io.idflow.conductor.run;

import io.idflow.api.InvalidRequestException;

/** No run has the id a caller gave. */
public class RunNotFoundException extends InvalidRequestException {

  private final String runId;

  /**
   * Creates the exception.
   *
   * @param runId the id nothing has
   * @param cause Conductor's answer
   */
  public RunNotFoundException(String runId, Throwable cause) {
    super("no run with id " + runId, cause);
    this.runId = runId;
  }

  /** The id nothing has. */
  public String runId() {
    return runId;
  }
}
