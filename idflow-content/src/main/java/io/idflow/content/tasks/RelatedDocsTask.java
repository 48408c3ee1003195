package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Corpus;
import io.idflow.content.MarkdownText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code related_docs}: the project's documents most like this one (Lucene MoreLikeThis, BM25
 * scores), recorded in the document as references under {@code refKey} (default {@code related};
 * earlier references of that key are replaced) with their score, title and shared words. The
 * offline research method. Offline.
 */
public class RelatedDocsTask extends ContentTask {

  /** The task for this configuration. */
  public RelatedDocsTask(IdflowConfig config) {
    super(config);
  }

  /** Finds related documents and references them. */
  @WorkerTask("related_docs")
  @TaskDefinition(
      description =
          "idflow: the project's most similar documents (Lucene MoreLikeThis, BM25), added as"
              + " document references",
      retryCount = 2,
      retryDelaySeconds = 2,
      timeoutSeconds = 120,
      responseTimeoutSeconds = 60,
      inputKeys = {"docId", "limit", "minScore", "refKey"},
      outputKeys = {"related", "corpusSize"})
  public Map<String, Object> relatedDocs(
      @InputParam("docId") String docId,
      @InputParam("limit") Integer limit,
      @InputParam("minScore") Double minScore,
      @InputParam("refKey") String refKey) {
    Document d = document(docId);
    Corpus corpus = corpus();
    String key = refKey == null || refKey.isBlank() ? "related" : refKey;
    String text = title(d) + "\n\n" + MarkdownText.parse(d.body()).text();
    List<Corpus.Related> related =
        corpus.related(
            d.id(), text, positive(limit, 5, "limit", 1), minScore == null ? 1.0 : minScore);
    store()
        .update(
            docId,
            doc -> {
              doc.removeDocRefs(key);
              for (Corpus.Related r : related) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("score", r.score());
                data.put("title", r.title());
                data.put("terms", r.terms());
                doc.addDocRef(new DocRef(key, r.id(), data));
              }
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("related", related);
    out.put("corpusSize", corpus.size());
    return out;
  }
}
