package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.http.WebSearchClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code web_search}: searches the web through the configured search API ({@code web_search.url},
 * see {@link WebSearchClient}); without one it fails at once with one line that says what to set.
 * The query is {@code query}, else the document's title.
 */
public class WebSearchTask extends ContentTask {

  /** The task for this configuration. */
  public WebSearchTask(IdflowConfig config) {
    super(config);
  }

  /** Searches. */
  @WorkerTask("web_search")
  @TaskDefinition(
      description = "idflow: web search through the configured search API (web_search.url)",
      retryCount = 1,
      retryDelaySeconds = 10,
      timeoutSeconds = 300,
      responseTimeoutSeconds = 240,
      inputKeys = {"query", "docId", "maxResults"},
      outputKeys = {"query", "results", "markdown"})
  public Map<String, Object> webSearch(
      @InputParam("query") String query,
      @InputParam("docId") String docId,
      @InputParam("maxResults") Integer maxResults) {
    try {
      WebSearchClient client = WebSearchClient.fromConfig(config);
      String q = query != null && !query.isBlank() ? query : title(document(docId));
      List<WebSearchClient.Result> results =
          client.search(q, positive(maxResults, 5, "maxResults", 1));
      StringBuilder md = new StringBuilder();
      for (WebSearchClient.Result r : results) {
        md.append("- [").append(r.title().isEmpty() ? r.url() : r.title()).append("](");
        md.append(r.url()).append(")");
        if (!r.snippet().isEmpty()) {
          md.append(": ").append(r.snippet());
        }
        md.append('\n');
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("query", q);
      out.put("results", results);
      out.put("markdown", md.toString());
      return out;
    } catch (IdflowException e) {
      throw failure(e);
    }
  }
}
