package io.idflow.stage;

import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.run.Workflow;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.conductor.task.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system tasks of {@code stage_workflow}: ordinary annotated workers that {@code idflow worker
 * start} finds on the class path and {@code idflow sync} registers. The runner creates the object
 * with the project's configuration; the store and the Conductor connection are opened on first use
 * and shared by the runner's threads.
 *
 * <ul>
 *   <li>{@code update_stage_status}: the last task of a stage run. Reads the run from Conductor,
 *       writes every workflow's output {@code doc} into the stage folder as {@code <workflow>.md},
 *       and marks the instance {@code done}, or {@code blocked} with the first failure (workflow,
 *       task, message). That save evaluates the document again, which starts the next stages.
 *   <li>{@code stage_evaluation}: evaluates a document's stages (for workflows and event handlers
 *       that want to trigger it).
 * </ul>
 */
public class StageTasks {

  private final IdflowConfig config;
  private final Object lock = new Object();
  private DocumentStore store;
  private IdflowConductorClient client;
  private StageEngine engine;

  /** The tasks for this configuration (the runner passes the project's). */
  public StageTasks(IdflowConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  private DocumentStore store() {
    synchronized (lock) {
      if (store == null) {
        store = DocumentStores.open(config);
      }
      return store;
    }
  }

  private StageEngine engine() {
    synchronized (lock) {
      if (engine == null) {
        engine = StageEngine.forConfig(config);
      }
      return engine;
    }
  }

  private IdflowConductorClient client() {
    synchronized (lock) {
      if (client == null) {
        client = ConductorClients.create(config);
      }
      return client;
    }
  }

  /** Records a stage run's results and marks the instance done or blocked. */
  @WorkerTask("update_stage_status")
  @TaskDefinition(
      description = "idflow: records a stage run's results in the document and ends the stage",
      retryCount = 3,
      retryDelaySeconds = 5,
      timeoutSeconds = 120,
      responseTimeoutSeconds = 60,
      inputKeys = {"docId", "stageName", "stageCounter", "stageWorkflowId"},
      outputKeys = {"status", "results", "failure"})
  public Map<String, Object> updateStageStatus(
      @InputParam("docId") String docId,
      @InputParam("stageName") String stageName,
      @InputParam("stageCounter") int stageCounter,
      @InputParam("stageWorkflowId") String stageWorkflowId) {
    Workflow run = new WorkflowClient(client()).getWorkflow(stageWorkflowId, true);
    Outcome outcome = outcome(run);
    AtomicReference<String> status = new AtomicReference<>();
    store()
        .update(
            docId,
            d -> {
              Optional<StageInstance> found = d.stage(stageName, stageCounter);
              if (found.isEmpty()) {
                throw new IllegalStateException(
                    "document " + docId + " has no stage " + stageName + " (" + stageCounter + ")");
              }
              StageInstance s = found.get();
              status.set(s.status().toString());
              if (s.status() != StageStatus.ACTIVE) {
                return;
              }
              outcome.results.forEach(s::putResult);
              if (outcome.failure != null) {
                s.put(StageEngine.FAILURE, outcome.failure);
                s.setStatus(StageStatus.BLOCKED);
              } else {
                s.setStatus(StageStatus.DONE);
              }
              status.set(s.status().toString());
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status.get());
    out.put("results", new ArrayList<>(outcome.results.keySet()));
    if (outcome.failure != null) {
      out.put("failure", outcome.failure);
    }
    return out;
  }

  private record Outcome(Map<String, StageResult> results, Map<String, Object> failure) {}

  private Outcome outcome(Workflow run) {
    Map<String, StageResult> results = new LinkedHashMap<>();
    Map<String, Object> failure = null;
    for (Task t : run.getTasks()) {
      if (!"SUB_WORKFLOW".equals(t.getTaskType())) {
        continue;
      }
      String workflow = t.getReferenceTaskName();
      if (t.getStatus() == Task.Status.COMPLETED) {
        Object doc = t.getOutputData() == null ? null : t.getOutputData().get("doc");
        if (doc != null) {
          results.put(workflow, result(doc));
        }
      } else if (failure == null) {
        failure = failure(workflow, t);
      }
    }
    return new Outcome(results, failure);
  }

  private Map<String, Object> failure(String workflow, Task t) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("workflow", workflow);
    String message = t.getReasonForIncompletion();
    if (t.getSubWorkflowId() != null) {
      Workflow sub = new WorkflowClient(client()).getWorkflow(t.getSubWorkflowId(), true);
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
    }
    f.put("message", message == null || message.isBlank() ? t.getStatus().name() : message);
    return f;
  }

  /**
   * A workflow's output {@code doc} as a stage result: a string is the body; a map is the
   * frontmatter, with its {@code body} (or {@code content}) as the body; anything else its text.
   */
  static StageResult result(Object doc) {
    if (doc instanceof Map<?, ?> map) {
      Map<String, Object> props = new LinkedHashMap<>();
      String body = null;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if ((key.equals("body") || key.equals("content")) && e.getValue() != null) {
          if (body == null || key.equals("body")) {
            body = String.valueOf(e.getValue());
          }
          continue;
        }
        props.put(key, e.getValue());
      }
      return new StageResult(props, body == null ? "" : body);
    }
    return new StageResult(Map.of(), String.valueOf(doc));
  }

  /** Evaluates a document's stages, as {@code idflow stage evaluate --uuid} does. */
  @WorkerTask("stage_evaluation")
  @TaskDefinition(
      description =
          "idflow: evaluates a document's stages and starts those whose requirements hold",
      retryCount = 3,
      retryDelaySeconds = 5,
      timeoutSeconds = 120,
      responseTimeoutSeconds = 60,
      inputKeys = {"docId", "allowRerun"},
      outputKeys = {"started", "skipped", "documentStatus"})
  public Map<String, Object> stageEvaluation(
      @InputParam("docId") String docId, @InputParam("allowRerun") Boolean allowRerun) {
    AtomicReference<StageEvaluation> evaluation = new AtomicReference<>();
    StageEngine engine = engine();
    store()
        .update(
            docId, d -> evaluation.set(engine.evaluate(d, null, Boolean.TRUE.equals(allowRerun))));
    StageEvaluation e = evaluation.get();
    List<String> started = e.created().stream().map(StageDecision::stage).toList();
    Map<String, Object> skipped = new LinkedHashMap<>();
    e.skipped().forEach(d -> skipped.put(d.stage(), d.reason()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("started", started);
    out.put("skipped", skipped);
    out.put("documentStatus", e.statusAfter().folderName());
    return out;
  }
}
