package com.example.wordcount;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's task workers. {@code idflow worker start} runs them from the class path (with the
 * project's configuration), and so does the test kit in the tests.
 */
public class WordCount {

  private final IdflowConfig config;

  /** Workers that need no document store. */
  public WordCount() {
    this(null);
  }

  /** Workers of the project with this configuration (the runner passes the project's). */
  public WordCount(IdflowConfig config) {
    this.config = config;
  }

  /** Counts the words of a text and names the longest. */
  @WorkerTask("count_words")
  public Map<String, Object> countWords(@InputParam("text") String text) {
    String[] words =
        text == null || text.isBlank() ? new String[0] : text.trim().split("[^\\p{L}\\p{N}']+");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("words", words.length);
    out.put(
        "longest", Arrays.stream(words).max(Comparator.comparingInt(String::length)).orElse(""));
    return out;
  }

  /** Counts the words of a document's body. */
  @WorkerTask("count_document_words")
  public Map<String, Object> countDocumentWords(@InputParam("docId") String docId) {
    if (config == null) {
      throw new IllegalStateException("count_document_words needs the project's configuration");
    }
    try (DocumentStore store =
        DocumentStores.open(config, DocumentStores.Options.defaults().withListeners(false))) {
      return countWords(store.get(docId).body());
    }
  }
}
