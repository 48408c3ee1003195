package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.StageResult;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Readability;
import io.idflow.content.Summarizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code generate_blog_post}: the finished post from the draft (the result of the stage {@code
 * draft}, default {@code create_blog_post_draft}): its title, a description ({@code description},
 * else the draft's central sentence), tags (the research's best keywords), its readability ({@code
 * readability}, the output of the readability task, else computed) and its text. Offline.
 */
public class GenerateBlogPostTask extends ContentTask {

  /** How many keywords become tags. */
  static final int TAGS = 5;

  /** The task for this configuration. */
  public GenerateBlogPostTask(IdflowConfig config) {
    super(config);
  }

  /** Generates the post. */
  @WorkerTask("generate_blog_post")
  @TaskDefinition(
      description =
          "idflow: the finished blog post from its draft, with description, tags and readability",
      retryCount = 2,
      retryDelaySeconds = 2,
      timeoutSeconds = 120,
      responseTimeoutSeconds = 60,
      inputKeys = {"docId", "draft", "research", "description", "readability"},
      outputKeys = {
        "title",
        "description",
        "tags",
        "readingMinutes",
        "fleschReadingEase",
        "fleschKincaidGrade",
        "level",
        "body"
      })
  public Map<String, Object> generateBlogPost(
      @InputParam("docId") String docId,
      @InputParam("draft") String draft,
      @InputParam("research") String research,
      @InputParam("description") String description,
      @InputParam("readability") Map<String, Object> readability) {
    Document d = document(docId);
    String from = draft == null ? "create_blog_post_draft" : draft;
    StageResult result =
        stageResult(d, from)
            .orElseThrow(
                () ->
                    new NonRetryableException(
                        "document " + docId + " has no draft: no finished stage " + from));
    String body = result.body();
    Object title = result.properties().get("title");
    List<String> tags =
        CreateBlogPostDraftTask.strings(
            stageResult(d, research == null ? "research_blog_post_ideas" : research)
                .map(r -> r.properties().get("keywords"))
                .orElse(result.properties().get("keywords")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("title", title == null ? title(d) : String.valueOf(title));
    out.put(
        "description",
        description != null && !description.isBlank()
            ? description.strip()
            : Summarizer.summarize(body, 1).text());
    out.put("tags", tags.subList(0, Math.min(TAGS, tags.size())));
    if (readability == null || readability.get("readingMinutes") == null) {
      Readability r = Readability.of(body, Readability.DEFAULT_WORDS_PER_MINUTE);
      out.put("readingMinutes", r.readingMinutes());
      out.put("fleschReadingEase", r.fleschReadingEase());
      out.put("fleschKincaidGrade", r.fleschKincaidGrade());
      out.put("level", r.level());
    } else {
      for (String k :
          List.of("readingMinutes", "fleschReadingEase", "fleschKincaidGrade", "level")) {
        out.put(k, readability.get(k));
      }
    }
    out.put("body", body);
    return out;
  }
}
