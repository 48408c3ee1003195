package io.idflow.stage.internal;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.metadata.workflow.IdempotencyStrategy;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.common.run.WorkflowSummary;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.IdflowException;
import io.idflow.api.document.StageResult;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.stage.StageLaunch;
import io.idflow.stage.StageLauncher;
import io.idflow.stage.StageRunState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts {@code stage_workflow} (or the copy named by {@link StageLaunch#STAGE_WORKFLOW_KEY}) on
 * the configured Conductor. A stage of one workflow runs folded into one execution ({@link
 * InlineStageRun}): the workflow's definition is read from Conductor and started inline, under the
 * stage workflow's name, with the stage workflow's last task ({@code update_stage_status}) appended
 * and its failure workflow; a stage of several workflows, or of a workflow that cannot be folded or
 * that Conductor does not have (the run then fails and its failure workflow blocks the stage,
 * naming it), runs as the registered stage workflow: a dynamic fork of sub-workflows. A start is
 * idempotent on the correlation id {@code <docId>-<stage>-<counter>}: the launcher first looks for
 * a run with that correlation id (Conductor's search index is written synchronously with the SQLite
 * store) and also sends it as the idempotency key with {@code RETURN_EXISTING}, so two processes
 * that start the same instance at once get one run where the server honours the key. Thread-safe.
 */
public final class ConductorStageLauncher implements StageLauncher {

  private final IdflowConductorClient client;
  private final WorkflowClient workflows;
  private final MetadataClient metadata;
  private final boolean ownsClient;
  private final String stageWorkflow;
  private final Map<String, String> taskToDomain;
  private volatile WorkflowDef stageDef;

  /**
   * A launcher on this client that starts {@code stage_workflow}.
   *
   * @param client the client
   * @param ownsClient whether {@link #close()} shuts the client down
   */
  public ConductorStageLauncher(IdflowConductorClient client, boolean ownsClient) {
    this(client, ownsClient, StageLaunch.STAGE_WORKFLOW);
  }

  /**
   * A launcher on this client that starts the named workflow for every stage.
   *
   * @param client the client
   * @param ownsClient whether {@link #close()} shuts the client down
   * @param stageWorkflow the workflow to start, {@code stage_workflow} or a copy of it
   */
  public ConductorStageLauncher(
      IdflowConductorClient client, boolean ownsClient, String stageWorkflow) {
    this(client, ownsClient, stageWorkflow, Map.of());
  }

  /**
   * A launcher on this client that starts the named workflow for every stage, with the task domains
   * its runs' tasks are put in (see {@link TaskDomains}).
   *
   * @param client the client
   * @param ownsClient whether {@link #close()} shuts the client down
   * @param stageWorkflow the workflow to start, {@code stage_workflow} or a copy of it
   * @param taskToDomain Conductor's task-to-domain mapping for the runs; empty for none
   */
  public ConductorStageLauncher(
      IdflowConductorClient client,
      boolean ownsClient,
      String stageWorkflow,
      Map<String, String> taskToDomain) {
    this.taskToDomain = Map.copyOf(taskToDomain);
    this.client = Objects.requireNonNull(client, "client");
    this.workflows = new WorkflowClient(client);
    this.metadata = new MetadataClient(client);
    this.ownsClient = ownsClient;
    this.stageWorkflow = Objects.requireNonNull(stageWorkflow, "stageWorkflow");
  }

  @Override
  public String start(StageLaunch launch) {
    String correlationId = launch.correlationId();
    Optional<String> existing = find(correlationId);
    if (existing.isPresent()) {
      return existing.get();
    }
    StartWorkflowRequest request = new StartWorkflowRequest();
    request.setName(stageWorkflow);
    request.setCorrelationId(correlationId);
    request.setIdempotencyKey(correlationId);
    request.setIdempotencyStrategy(IdempotencyStrategy.RETURN_EXISTING);
    request.setInput(launch.input());
    if (!taskToDomain.isEmpty()) {
      request.setTaskToDomain(new LinkedHashMap<>(taskToDomain));
    }
    Optional<WorkflowDef> stage =
        launch.workflows().size() == 1 ? stageDefinition() : Optional.empty();
    if (stage.isPresent()) {
      StageLaunch.Run only = launch.workflows().get(0);
      definition(only.name(), only.version())
          .ifPresent(
              def -> {
                int version = def.getVersion();
                InlineStageRun.fold(def, stage.get())
                    .ifPresent(
                        folded -> {
                          request.setWorkflowDef(folded);
                          request.setVersion(folded.getVersion());
                          request.setInput(InlineStageRun.input(launch, only, version));
                        });
              });
    }
    try {
      return workflows.startWorkflow(request);
    } catch (ConductorUnavailableException e) {
      throw e;
    } catch (ConductorClientException e) {
      throw new IdflowException(
          "Conductor at "
              + client.serverUrl()
              + " refused to start "
              + stageWorkflow
              + " for "
              + correlationId
              + ": "
              + message(e)
              + (e.getStatus() == 404 ? " (run 'idflow sync' to upload it)" : ""),
          e);
    }
  }

  /**
   * The stage workflow's definition, read once (a folded run takes its name, last task and failure
   * workflow from it), or empty while Conductor does not have it.
   */
  private Optional<WorkflowDef> stageDefinition() {
    WorkflowDef def = stageDef;
    if (def == null) {
      def = definition(stageWorkflow, null).orElse(null);
      stageDef = def;
    }
    return Optional.ofNullable(def);
  }

  /** A workflow's definition on Conductor, or empty when Conductor does not have it. */
  private Optional<WorkflowDef> definition(String name, Integer version) {
    try {
      return Optional.ofNullable(metadata.getWorkflowDef(name, version));
    } catch (ConductorUnavailableException e) {
      throw e;
    } catch (ConductorClientException e) {
      if (e.getStatus() == 404) {
        return Optional.empty();
      }
      throw new IdflowException(
          "Conductor at "
              + client.serverUrl()
              + " refused to read workflow "
              + name
              + ": "
              + message(e),
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
              "workflowType=" + stageWorkflow + " AND correlationId=" + correlationId);
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

  @Override
  public StageRunState read(String workflowId) {
    Workflow run;
    try {
      run = workflows.getWorkflow(workflowId, true);
    } catch (ConductorUnavailableException e) {
      throw e;
    } catch (ConductorClientException e) {
      if (e.getStatus() == 404) {
        return StageRunState.notFound(workflowId);
      }
      throw new IdflowException(
          "Conductor at "
              + client.serverUrl()
              + " refused to read "
              + workflowId
              + ": "
              + message(e),
          e);
    }
    if (run == null) {
      return StageRunState.notFound(workflowId);
    }
    return stageRun(run);
  }

  /**
   * Reads a stage run from its SUB_WORKFLOW tasks: the output {@code doc} of each that completed,
   * and the first that did not (with the failing task of its sub-workflow). When the stage workflow
   * itself ended without success and no workflow failed, its own reason is the failure.
   */
  private StageRunState stageRun(Workflow run) {
    Map<String, Object> input = run.getInput() == null ? Map.of() : run.getInput();
    Optional<String> folded = InlineStageRun.workflowName(run);
    if (folded.isPresent()) {
      return InlineStageRun.read(run, folded.get(), input);
    }
    Map<String, StageResult> results = new LinkedHashMap<>();
    Map<String, Object> failure = null;
    boolean ended = true;
    boolean runFailed = run.getStatus().isTerminal() && !run.getStatus().isSuccessful();
    for (Task t : run.getTasks()) {
      if (!"SUB_WORKFLOW".equals(t.getTaskType())) {
        continue;
      }
      String workflow = workflowName(t);
      if (!t.getStatus().isTerminal()) {
        ended = false;
      } else if (t.getStatus() == Task.Status.COMPLETED) {
        Object doc = t.getOutputData() == null ? null : t.getOutputData().get("doc");
        if (doc != null) {
          results.put(workflow, StageRunState.result(doc));
        }
      } else if (failure == null && !(runFailed && t.getStatus() == Task.Status.CANCELED)) {
        failure = failure(workflow, t);
      }
    }
    if (failure == null && runFailed) {
      failure = new LinkedHashMap<>();
      failure.put("workflow", StageLaunch.STAGE_WORKFLOW);
      String reason = run.getReasonForIncompletion();
      failure.put(
          "message",
          reason == null || reason.isBlank()
              ? "the stage run ended " + run.getStatus().name()
              : reason.strip());
      failure.put("status", run.getStatus().name());
    }
    return new StageRunState(
        run.getWorkflowId(),
        run.getStatus().name(),
        text(input.get("docId")),
        text(input.get("stageName")),
        counter(input.get("stageCounter")),
        results,
        failure,
        ended || run.getStatus().isTerminal());
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  static int counter(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return value == null ? 0 : Integer.parseInt(value.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The status of each workflow of a stage run, by name: a SUB_WORKFLOW task's status, or for a
   * folded run its one workflow's ({@code IN_PROGRESS}, {@code COMPLETED}, or how the run ended).
   */
  public static Map<String, String> workflowStatuses(Workflow run) {
    Map<String, String> statuses = new LinkedHashMap<>();
    Optional<String> folded = InlineStageRun.workflowName(run);
    if (folded.isPresent()) {
      statuses.put(folded.get(), InlineStageRun.workflowStatus(run));
      return statuses;
    }
    for (Task t : run.getTasks()) {
      if ("SUB_WORKFLOW".equals(t.getTaskType())) {
        statuses.put(workflowName(t), t.getStatus().name());
      }
    }
    return statuses;
  }

  /** The workflow a SUB_WORKFLOW task ran: its input names it; the fork's reference is the name. */
  private static String workflowName(Task t) {
    Object name = t.getInputData() == null ? null : t.getInputData().get("subWorkflowName");
    return name == null ? t.getReferenceTaskName() : name.toString();
  }

  private Map<String, Object> failure(String workflow, Task t) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("workflow", workflow);
    String message = t.getReasonForIncompletion();
    if (t.getSubWorkflowId() != null) {
      try {
        Workflow sub = workflows.getWorkflow(t.getSubWorkflowId(), true);
        for (Task st : sub.getTasks()) {
          if (!st.getStatus().isSuccessful() && st.getStatus().isTerminal()) {
            f.put("task", st.getReferenceTaskName());
            message = st.getReasonForIncompletion();
            break;
          }
        }
        if (message == null || message.isBlank()) {
          message = sub.getReasonForIncompletion();
        }
        f.put("status", sub.getStatus().name());
      } catch (ConductorClientException e) {
        if (e.getStatus() != 404) {
          throw e;
        }
      }
    }
    f.put("message", message == null || message.isBlank() ? t.getStatus().name() : message);
    return f;
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
