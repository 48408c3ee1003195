package io.idflow.content.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.StageResult;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Markdown;
import io.idflow.content.Templates;
import io.idflow.content.http.HttpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code publish}: writes a post (the result of the stage {@code from}, default {@code
 * generate_blog_post}: its title, description, tags, reading time and text) as Markdown with YAML
 * frontmatter and as a standalone HTML page, {@code <publish dir>/<docId>.md} and {@code .html}
 * (the folder is {@code publish.dir}, default {@code publish} in the project). Each file is written
 * to a temporary file and renamed, so a reader never sees half a page. When a webhook is configured
 * ({@code webhookUrl}, else {@code publish.webhook_url}) the post is POSTed to it as JSON, with the
 * key of {@code publish.webhook_key_env} (default {@code IDFLOW_PUBLISH_WEBHOOK_KEY}) when set.
 */
public class PublishTask extends ContentTask {

  /** The default environment variable of the webhook's key. */
  public static final String DEFAULT_WEBHOOK_KEY_VARIABLE = "IDFLOW_PUBLISH_WEBHOOK_KEY";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The task for this configuration. */
  public PublishTask(IdflowConfig config) {
    super(config);
  }

  /** Publishes. */
  @WorkerTask("publish")
  @TaskDefinition(
      description =
          "idflow: writes a post to the project's publish/ folder as Markdown and HTML (atomically),"
              + " and POSTs it to a configured webhook",
      retryCount = 2,
      retryDelaySeconds = 5,
      timeoutSeconds = 300,
      responseTimeoutSeconds = 120,
      inputKeys = {"docId", "from", "webhookUrl"},
      outputKeys = {"markdown", "html", "title", "webhook"})
  public Map<String, Object> publish(
      @InputParam("docId") String docId,
      @InputParam("from") String from,
      @InputParam("webhookUrl") String webhookUrl) {
    Document d = document(docId);
    String source = from == null ? "generate_blog_post" : from;
    StageResult post =
        stageResult(d, source)
            .orElseThrow(
                () ->
                    new NonRetryableException(
                        "document "
                            + docId
                            + " has nothing to publish: no finished stage "
                            + source));
    Map<String, Object> p = post.properties();
    String title = p.get("title") == null ? title(d) : String.valueOf(p.get("title"));
    String description = p.get("description") == null ? null : String.valueOf(p.get("description"));
    List<String> tags = CreateBlogPostDraftTask.strings(p.get("tags"));
    Object minutes = p.get("readingMinutes");
    String published = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    Map<String, Object> front = new LinkedHashMap<>();
    front.put("title", title);
    if (description != null) {
      front.put("description", description);
    }
    front.put("tags", tags);
    if (minutes != null) {
      front.put("reading_minutes", minutes);
    }
    front.put("document", d.id());
    front.put("published", published);

    Templates templates = templates();
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("title", title);
    scope.put("description", description);
    scope.put("hasTags", !tags.isEmpty());
    scope.put("tagList", String.join(", ", tags));
    scope.put("readingMinutes", minutes);
    scope.put("body", post.body().strip());
    scope.put("html", Markdown.toHtml(post.body()));
    try {
      scope.put("frontmatter", YAML.writeValueAsString(front).strip());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the frontmatter: " + e.getMessage(), e);
    }
    String markdown = templates.render(Templates.POST, scope);
    String html = templates.render(Templates.PAGE, scope);

    Path dir = config.projectPath(config.string("publish.dir", "publish"));
    Path mdFile = dir.resolve(d.id() + ".md");
    Path htmlFile = dir.resolve(d.id() + ".html");
    write(mdFile, markdown);
    write(htmlFile, html);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("markdown", display(mdFile));
    out.put("html", display(htmlFile));
    out.put("title", title);
    String hook =
        webhookUrl != null && !webhookUrl.isBlank()
            ? webhookUrl
            : config.get("publish.webhook_url").map(String::valueOf).orElse("");
    if (hook.isBlank()) {
      out.put("webhook", "not configured");
    } else {
      out.put("webhook", post(hook, d.id(), title, description, tags, markdown, html, out));
    }
    return out;
  }

  private String post(
      String url,
      String docId,
      String title,
      String description,
      List<String> tags,
      String markdown,
      String html,
      Map<String, Object> files) {
    String keyVariable = config.string("publish.webhook_key_env", DEFAULT_WEBHOOK_KEY_VARIABLE);
    HttpEndpoint endpoint =
        new HttpEndpoint(
            new HttpEndpoint.Settings(
                "publish webhook",
                keyVariable,
                config.envValue(keyVariable).orElse(null),
                "Authorization",
                Duration.ofSeconds(config.integer("publish.webhook_timeout_seconds", 30)),
                config.integer("publish.webhook_retries", 2),
                Duration.ofSeconds(1)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("docId", docId);
    body.put("title", title);
    body.put("description", description);
    body.put("tags", tags);
    body.put("markdown", markdown);
    body.put("html", html);
    body.put("files", Map.of("markdown", files.get("markdown"), "html", files.get("html")));
    try {
      endpoint.postJson(URI.create(url.strip()), JSON.writeValueAsString(body));
      return "sent to " + url.strip();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IdflowException e) {
      throw failure(e);
    }
  }

  private String display(Path file) {
    Path root = config.projectRoot();
    return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
  }

  /** Writes a file atomically: a temporary file in the same folder, then a rename. */
  static void write(Path target, String text) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text);
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
