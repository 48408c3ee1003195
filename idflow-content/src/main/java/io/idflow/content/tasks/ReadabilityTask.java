package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Readability;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code readability}: Flesch reading ease, Flesch-Kincaid grade and reading time of a document
 * ({@link Readability}). Offline.
 */
public class ReadabilityTask extends ContentTask {

  /** The task for this configuration. */
  public ReadabilityTask(IdflowConfig config) {
    super(config);
  }

  /** Scores. */
  @WorkerTask("readability")
  @TaskDefinition(
      description =
          "idflow: readability of a document (Flesch reading ease, Flesch-Kincaid grade, reading"
              + " time)",
      retryCount = 2,
      retryDelaySeconds = 2,
      timeoutSeconds = 60,
      responseTimeoutSeconds = 30,
      inputKeys = {"docId", "text", "from", "wordsPerMinute"},
      outputKeys = {
        "words",
        "sentences",
        "syllables",
        "fleschReadingEase",
        "fleschKincaidGrade",
        "readingMinutes",
        "level"
      })
  public Map<String, Object> readability(
      @InputParam("docId") String docId,
      @InputParam("text") String text,
      @InputParam("from") String from,
      @InputParam("wordsPerMinute") Integer wordsPerMinute) {
    Readability r =
        Readability.of(
            text(docId, text, from),
            positive(wordsPerMinute, Readability.DEFAULT_WORDS_PER_MINUTE, "wordsPerMinute", 1));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("words", r.words());
    out.put("sentences", r.sentences());
    out.put("syllables", r.syllables());
    out.put("fleschReadingEase", r.fleschReadingEase());
    out.put("fleschKincaidGrade", r.fleschKincaidGrade());
    out.put("readingMinutes", r.readingMinutes());
    out.put("level", r.level());
    return out;
  }
}
