package io.idflow.stage;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.stage.internal.ConductorStageLauncher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /**
   * Records a stage run's results and marks the instance done or blocked. The last task of {@code
   * stage_workflow} passes the instance; {@code stage_workflow_failed} passes only the failed run,
   * whose input names the instance.
   */
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
      @InputParam("stageWorkflowId") String stageWorkflowId) {
    StageRunState run;
    try (ConductorStageLauncher launcher = new ConductorStageLauncher(client(), false)) {
      run = launcher.read(stageWorkflowId);
    }
    StageStatus status = engine().record(store(), run);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status.toString());
    out.put("results", new ArrayList<>(run.results().keySet()));
    if (run.failure() != null) {
      out.put("failure", run.failure());
    }
    return out;
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
