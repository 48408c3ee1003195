package io.idflow.stage;

import io.idflow.api.document.StageResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stage run on Conductor as the engine reads it: the run's status, the stage instance it belongs
 * to (from the run's input), the output {@code doc} of each workflow that completed, and the first
 * failure.
 *
 * @param workflowId the stage workflow's execution id
 * @param status Conductor's status of the run ({@code RUNNING}, {@code COMPLETED}, {@code FAILED},
 *     {@code TIMED_OUT}, {@code TERMINATED}, {@code PAUSED}), or {@link #NOT_FOUND}
 * @param documentId the document, from the run's input (null when the run is not found)
 * @param stage the stage's name, from the run's input (null when the run is not found)
 * @param counter the instance's counter, from the run's input (0 when the run is not found)
 * @param results each completed workflow's output {@code doc}, by workflow name
 * @param failure why the run failed ({@code workflow}, {@code task}, {@code message}, {@code
 *     status}), or null when nothing failed
 * @param workflowsEnded whether every workflow of the stage has ended (so the outcome is final even
 *     while the stage workflow itself still runs its last task)
 */
public record StageRunState(
    String workflowId,
    String status,
    String documentId,
    String stage,
    int counter,
    Map<String, StageResult> results,
    Map<String, Object> failure,
    boolean workflowsEnded) {

  /** The status of a run that Conductor does not know (deleted, or another server). */
  public static final String NOT_FOUND = "NOT_FOUND";

  private static final Set<String> ENDED =
      Set.of("COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", NOT_FOUND);

  /** Copies the maps. */
  public StageRunState {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(status, "status");
    results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    failure = failure == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(failure));
  }

  /** Whether the stage workflow has ended (or is unknown to Conductor). */
  public boolean ended() {
    return ENDED.contains(status);
  }

  /**
   * A workflow's output {@code doc} as a stage result: a string is the body; a map is the
   * frontmatter, with its {@code body} (or {@code content}) as the body; anything else its text.
   */
  public static StageResult result(Object doc) {
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

  /** A run Conductor does not know. */
  public static StageRunState notFound(String workflowId) {
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("workflow", StageLaunch.STAGE_WORKFLOW);
    failure.put("message", "the stage run " + workflowId + " is not known to Conductor");
    failure.put("status", NOT_FOUND);
    return new StageRunState(workflowId, NOT_FOUND, null, null, 0, Map.of(), failure, true);
  }
}
