package io.idflow.conductor.run;

import io.idflow.api.InvalidRequestException;

/** Conductor has no workflow definition of the name (and version) a start asked for. */
public class WorkflowNotFoundException extends InvalidRequestException {

  /**
   * Creates the exception.
   *
   * @param name the workflow's name
   * @param version the version asked for, or null for the latest
   * @param cause Conductor's answer
   */
  public WorkflowNotFoundException(String name, Integer version, Throwable cause) {
    super(
        "Conductor has no workflow "
            + name
            + (version == null ? "" : " version " + version)
            + " (upload it with 'idflow workflow upload' or 'idflow sync')",
        cause);
  }
}
