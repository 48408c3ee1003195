package io.idflow.stage;

/**
 * Starts and stops stage runs on Conductor. The implementation the engine uses talks to the
 * configured server ({@code io.idflow.stage.internal.ConductorStageLauncher}); tests may record the
 * calls. Implementations are thread-safe.
 */
public interface StageLauncher extends AutoCloseable {

  /**
   * Starts {@code stage_workflow} for the launch, unless a run with the launch's correlation id
   * exists already: then it returns that run's id and starts nothing.
   *
   * @return the id of the stage workflow's execution
   * @throws io.idflow.api.ConductorUnavailableException when Conductor cannot be reached
   * @throws io.idflow.api.IdflowException when Conductor refuses the start (for example {@code
   *     stage_workflow} is not uploaded: run {@code idflow sync})
   */
  String start(StageLaunch launch);

  /**
   * Terminates a stage run (and so the workflows it runs) if it still runs.
   *
   * @param workflowId the stage workflow's execution id
   * @param reason said in Conductor
   */
  void terminate(String workflowId, String reason);

  /**
   * Reads a stage run: its status, the results of the workflows that completed and the first
   * failure. A run Conductor does not know is {@link StageRunState#notFound}.
   *
   * @param workflowId the stage workflow's execution id
   * @throws io.idflow.api.ConductorUnavailableException when Conductor cannot be reached
   */
  StageRunState read(String workflowId);

  /** Releases the connection; does nothing by default. */
  @Override
  default void close() {}
}
