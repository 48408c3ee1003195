package io.idflow.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One start of {@code stage_workflow} for a stage instance: the real workflows to run side by side
 * (those whose {@code when} held, with their inputs), built by {@link ForkPlan}. The Conductor
 * correlation id is {@code <docId>-<stage>-<counter>}, which makes the start idempotent.
 *
 * @param documentId the document
 * @param stage the stage's name
 * @param counter the instance's counter
 * @param workflows the workflows to run, in the stage's order
 * @param skipped the workflows whose {@code when} was false
 * @param document the document's frontmatter with its {@code id} and {@code status} (not its body),
 *     passed to every workflow as the input {@code doc}
 */
public record StageLaunch(
    String documentId,
    String stage,
    int counter,
    List<Run> workflows,
    List<String> skipped,
    Map<String, Object> document) {

  /** The name of the workflow that runs a stage on Conductor. */
  public static final String STAGE_WORKFLOW = "stage_workflow";

  /**
   * The failure workflow of {@code stage_workflow}: records a run that Conductor failed or timed
   * out before its last task ran.
   */
  public static final String STAGE_WORKFLOW_FAILED = "stage_workflow_failed";

  /**
   * The configuration key that names the workflow started for every stage (default {@value
   * #STAGE_WORKFLOW}). idflow's test kit sets it so that the stage runs of each test go through a
   * copy of {@code stage_workflow} of their own, whose last task only the test's worker polls.
   */
  public static final String STAGE_WORKFLOW_KEY = "stages.stage_workflow";

  /**
   * One real workflow of the stage.
   *
   * @param name the workflow's name (also the fork task's reference name)
   * @param version the version to run, or null for the latest
   * @param inputs the stage's {@code inputs} for it; the workflow also gets {@code docId}, {@code
   *     stageName}, {@code stageCounter} and {@code doc} (the document's frontmatter)
   */
  public record Run(String name, Integer version, Map<String, Object> inputs) {
    /** Copies the inputs. */
    public Run {
      Objects.requireNonNull(name, "name");
      inputs = Map.copyOf(inputs);
    }
  }

  /** Copies the lists. */
  public StageLaunch {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(stage, "stage");
    workflows = List.copyOf(workflows);
    skipped = List.copyOf(skipped);
    document = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(document));
  }

  /** {@code <docId>-<stage>-<counter>}: the Conductor correlation id of this stage run. */
  public String correlationId() {
    return correlationId(documentId, stage, counter);
  }

  /** {@code <docId>-<stage>-<counter>}. */
  public static String correlationId(String documentId, String stage, int counter) {
    return documentId + "-" + stage + "-" + counter;
  }

  /**
   * The input of {@code stage_workflow}: {@code docId}, {@code stageName}, {@code stageCounter},
   * the dynamic fork's tasks ({@code forkTasks}: one optional SUB_WORKFLOW task per workflow, so a
   * failed workflow lets the others finish and the stage records why) and their inputs ({@code
   * forkInputs}).
   */
  public Map<String, Object> input() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("docId", documentId);
    input.put("stageName", stage);
    input.put("stageCounter", counter);
    List<Map<String, Object>> tasks = new ArrayList<>();
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (Run run : workflows) {
      Map<String, Object> sub = new LinkedHashMap<>();
      sub.put("name", run.name());
      if (run.version() != null) {
        sub.put("version", run.version());
      }
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("name", run.name());
      task.put("taskReferenceName", run.name());
      task.put("type", "SUB_WORKFLOW");
      task.put("optional", true);
      task.put("subWorkflowParam", sub);
      tasks.add(task);
      inputs.put(run.name(), workflowInput(run));
    }
    input.put("forkTasks", tasks);
    input.put("forkInputs", inputs);
    return input;
  }

  /**
   * A workflow's input: the stage's inputs for it, then the instance ({@code docId}, {@code
   * stageName}, {@code stageCounter}) and the document ({@code doc}).
   */
  public Map<String, Object> workflowInput(Run run) {
    Map<String, Object> in = new LinkedHashMap<>(run.inputs());
    in.put("docId", documentId);
    in.put("stageName", stage);
    in.put("stageCounter", counter);
    in.put("doc", document);
    return in;
  }
}
