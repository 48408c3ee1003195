/**
 * Runs of workflows on Conductor as a small typed API: {@link io.idflow.conductor.run.Runs} starts
 * a workflow, reads a run as a tree of tasks (sub-workflows and fork branches nested), awaits its
 * end, follows it as a stream of changes, searches runs, controls them (terminate, pause, resume,
 * retry, restart, rerun) and signals a waiting {@code WAIT} or {@code HUMAN} task.
 *
 * <p>Failures are idflow's typed exceptions: {@link io.idflow.conductor.run.RunNotFoundException}
 * and {@link io.idflow.conductor.run.WorkflowNotFoundException} (bad requests), {@link
 * io.idflow.conductor.run.RunStateException} (the run is in the wrong state for the action), {@link
 * io.idflow.conductor.run.RunTimeoutException} (an await gave up), and {@link
 * io.idflow.api.ConductorUnavailableException}.
 */
package io.idflow.conductor.run;
