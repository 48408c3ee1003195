package io.idflow.stage.internal;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.IdempotencyStrategy;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.IdflowException;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.stage.StageLaunch;
import io.idflow.stage.StageLauncher;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts {@code stage_workflow} on the configured Conductor. A start is idempotent on the
 * correlation id {@code <docId>-<stage>-<counter>}: the launcher first looks for a run with that
 * correlation id (Conductor's search index is written synchronously with the SQLite store) and also
 * sends it as the idempotency key with {@code RETURN_EXISTING}, so two processes that start the
 * same instance at once get one run where the server honours the key. Thread-safe.
 */
public final class ConductorStageLauncher implements StageLauncher {

  private final IdflowConductorClient client;
  private final WorkflowClient workflows;
  private final boolean ownsClient;

  /**
   * A launcher on this client.
   *
   * @param client the client
   * @param ownsClient whether {@link #close()} shuts the client down
   */
  public ConductorStageLauncher(IdflowConductorClient client, boolean ownsClient) {
    this.client = Objects.requireNonNull(client, "client");
    this.workflows = new WorkflowClient(client);
    this.ownsClient = ownsClient;
  }

  @Override
  public String start(StageLaunch launch) {
    String correlationId = launch.correlationId();
    Optional<String> existing = find(correlationId);
    if (existing.isPresent()) {
      return existing.get();
    }
    StartWorkflowRequest request = new StartWorkflowRequest();
    request.setName(StageLaunch.STAGE_WORKFLOW);
    request.setCorrelationId(correlationId);
    request.setIdempotencyKey(correlationId);
    request.setIdempotencyStrategy(IdempotencyStrategy.RETURN_EXISTING);
    request.setInput(launch.input());
    try {
      return workflows.startWorkflow(request);
    } catch (ConductorUnavailableException e) {
      throw e;
    } catch (ConductorClientException e) {
      throw new IdflowException(
          "Conductor at "
              + client.serverUrl()
              + " refused to start "
              + StageLaunch.STAGE_WORKFLOW
              + " for "
              + correlationId
              + ": "
              + message(e)
              + (e.getStatus() == 404 ? " (run 'idflow sync' to upload it)" : ""),
          e);
    }
  }

  /** The id of a stage run with this correlation id that did not fail to start, if any. */
  Optional<String> find(String correlationId) {
    try {
      SearchResult<WorkflowSummary> found =
          workflows.search(
              0,
              5,
              "startTime:DESC",
              "*",
              "workflowType=" + StageLaunch.STAGE_WORKFLOW + " AND correlationId=" + correlationId);
      if (found == null || found.getResults() == null) {
        return Optional.empty();
      }
      return found.getResults().stream()
          .filter(s -> correlationId.equals(s.getCorrelationId()))
          .map(WorkflowSummary::getWorkflowId)
          .findFirst();
    } catch (ConductorUnavailableException e) {
      throw e;
    } catch (ConductorClientException e) {
      throw new IdflowException(
          "Conductor at " + client.serverUrl() + " refused a search: " + message(e), e);
    }
  }

  @Override
  public void terminate(String workflowId, String reason) {
    try {
      Workflow w = workflows.getWorkflow(workflowId, false);
      if (w != null && !w.getStatus().isTerminal()) {
        workflows.terminateWorkflow(workflowId, reason);
      }
    } catch (ConductorUnavailableException e) {
      throw e;
    } catch (ConductorClientException e) {
      if (e.getStatus() != 404) {
        throw new IdflowException(
            "Conductor at "
                + client.serverUrl()
                + " refused to terminate "
                + workflowId
                + ": "
                + message(e),
            e);
      }
    }
  }

  private static String message(ConductorClientException e) {
    String m = e.getMessage();
    return m == null ? "HTTP " + e.getStatus() : m.strip().lines().findFirst().orElse(m);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.shutdown();
    }
  }
}
