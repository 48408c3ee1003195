package io.idflow.stage;

import io.idflow.api.document.Document;
import io.idflow.api.stage.StageDefinition;
import io.idflow.api.stage.StageWorkflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the {@link StageLaunch} of a stage instance: evaluates each workflow's {@code when} over
 * the document and keeps the workflows whose condition holds, with their {@code inputs} and the
 * version to run (the stage's {@code version}, else the project's local file, else the latest).
 * Pure apart from the condition it is given. Thread-safe when the condition is.
 */
public final class ForkPlan {

  /** Decides a workflow's {@code when} for a document (see {@link WhenEvaluator}). */
  @FunctionalInterface
  public interface When {
    /**
     * Whether the workflow runs.
     *
     * @param workflow the workflow's name, for messages
     * @param expression the condition; null or blank means true
     * @param doc the document as {@code doc} sees it
     * @throws WhenConditionException when the expression fails
     */
    boolean test(String workflow, String expression, Map<String, Object> doc);
  }

  private final When when;
  private final Function<String, Integer> localVersion;

  /**
   * A plan builder.
   *
   * @param when decides conditions
   * @param localVersion the local workflow file's version for a name, or null when there is none
   */
  public ForkPlan(When when, Function<String, Integer> localVersion) {
    this.when = Objects.requireNonNull(when, "when");
    this.localVersion = Objects.requireNonNull(localVersion, "localVersion");
  }

  /**
   * The launch of an instance of the stage on the document.
   *
   * @throws WhenConditionException when a condition fails: the stage run fails with its message
   */
  public StageLaunch launch(Document document, StageDefinition stage, int counter) {
    Map<String, Object> doc = view(document);
    List<StageLaunch.Run> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (StageWorkflow w : stage.workflows()) {
      if (w.when() != null && !w.when().isBlank() && !when.test(w.name(), w.when(), doc)) {
        skipped.add(w.name());
        continue;
      }
      Integer version = w.version() != null ? w.version() : localVersion.apply(w.name());
      runs.add(new StageLaunch.Run(w.name(), version, w.inputs()));
    }
    Map<String, Object> frontmatter = new LinkedHashMap<>(doc);
    frontmatter.remove("body");
    return new StageLaunch(document.id(), stage.name(), counter, runs, skipped, frontmatter);
  }

  /** The document as a {@code when} expression sees it: its frontmatter plus id, status, body. */
  public static Map<String, Object> view(Document document) {
    Map<String, Object> doc = new LinkedHashMap<>(document.properties());
    doc.put("id", document.id());
    doc.put("status", document.status().folderName());
    doc.put("body", document.body());
    return doc;
  }
}
