package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Summarizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code summarize}: an extractive summary of a document in {@code sentences} sentences (TextRank,
 * {@link Summarizer}). Offline.
 */
public class SummarizeTask extends ContentTask {

  /** The task for this configuration. */
  public SummarizeTask(IdflowConfig config) {
    super(config);
  }

  /** Summarises. */
  @WorkerTask("summarize")
  @TaskDefinition(
      description = "idflow: an extractive summary of a document (TextRank over its sentences)",
      retryCount = 2,
      retryDelaySeconds = 2,
      timeoutSeconds = 120,
      responseTimeoutSeconds = 60,
      inputKeys = {"docId", "text", "from", "sentences"},
      outputKeys = {"summary", "sentences", "totalSentences"})
  public Map<String, Object> summarize(
      @InputParam("docId") String docId,
      @InputParam("text") String text,
      @InputParam("from") String from,
      @InputParam("sentences") Integer sentences) {
    Summarizer.Summary s =
        Summarizer.summarize(text(docId, text, from), positive(sentences, 3, "sentences", 1));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("summary", s.text());
    out.put("sentences", s.sentences());
    out.put("totalSentences", s.total());
    return out;
  }
}
