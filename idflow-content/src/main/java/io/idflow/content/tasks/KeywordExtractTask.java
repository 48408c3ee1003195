package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Corpus;
import io.idflow.content.KeywordExtractor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keyword_extract}: the keywords and key phrases of a document's body (or of {@code text},
 * or of an earlier stage's result with {@code from}), weighed with TF-IDF against the project's own
 * documents ({@link KeywordExtractor}). Offline.
 */
public class KeywordExtractTask extends ContentTask {

  /** The task for this configuration. */
  public KeywordExtractTask(IdflowConfig config) {
    super(config);
  }

  /** Extracts keywords and key phrases. */
  @WorkerTask("keyword_extract")
  @TaskDefinition(
      description =
          "idflow: keywords and key phrases of a document (Lucene analysis, TF-IDF against the"
              + " project's documents)",
      retryCount = 2,
      retryDelaySeconds = 2,
      timeoutSeconds = 120,
      responseTimeoutSeconds = 60,
      inputKeys = {"docId", "text", "from", "topN", "topPhrases"},
      outputKeys = {"keywords", "keyphrases", "terms", "phrases", "corpusSize"})
  public Map<String, Object> keywordExtract(
      @InputParam("docId") String docId,
      @InputParam("text") String text,
      @InputParam("from") String from,
      @InputParam("topN") Integer topN,
      @InputParam("topPhrases") Integer topPhrases) {
    String source = text(docId, text, from);
    Corpus corpus = corpus();
    KeywordExtractor.Keywords k =
        KeywordExtractor.extract(
            source,
            corpus,
            text == null && (from == null || from.equals("body")) ? docId : null,
            positive(topN, 10, "topN", 1),
            positive(topPhrases, 5, "topPhrases", 0));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keywords", k.keywords());
    out.put("keyphrases", k.phrases());
    out.put("terms", terms(k.keywords()));
    out.put("phrases", terms(k.phrases()));
    out.put("corpusSize", corpus.size());
    return out;
  }

  private static List<String> terms(List<KeywordExtractor.Keyword> keywords) {
    return keywords.stream().map(KeywordExtractor.Keyword::term).toList();
  }
}
