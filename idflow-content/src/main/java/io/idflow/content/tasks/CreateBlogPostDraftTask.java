package io.idflow.content.tasks;

import com.netflix.conductor.sdk.workflow.task.InputParam;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.StageResult;
import io.idflow.conductor.task.TaskDefinition;
import io.idflow.content.Corpus;
import io.idflow.content.DraftWriter;
import io.idflow.content.KeywordExtractor;
import io.idflow.content.MarkdownText;
import io.idflow.content.Readability;
import io.idflow.content.Research;
import io.idflow.content.Summarizer;
import io.idflow.content.http.LlmClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create_blog_post_draft}: the draft of a blog post from a document and its research (the
 * result of the stage {@code research}, default {@code research_blog_post_ideas}: keywords, key
 * phrases, summary, related documents; computed here when the document has none). With an LLM
 * endpoint configured ({@code llm.url}) the model writes the draft from a prompt; otherwise {@link
 * DraftWriter} fills the draft template with the document's own sentences. Offline without an LLM.
 */
public class CreateBlogPostDraftTask extends ContentTask {

  /** The task for this configuration. */
  public CreateBlogPostDraftTask(IdflowConfig config) {
    super(config);
  }

  /** Drafts. */
  @WorkerTask("create_blog_post_draft")
  @TaskDefinition(
      description =
          "idflow: a blog post draft from a document, its keywords, summary and related documents"
              + " (an LLM when llm.url is configured, else a template)",
      retryCount = 1,
      retryDelaySeconds = 10,
      timeoutSeconds = 900,
      responseTimeoutSeconds = 600,
      inputKeys = {"docId", "research", "style", "targetLength"},
      outputKeys = {"title", "body", "method", "model", "words", "keywords"})
  public Map<String, Object> createBlogPostDraft(
      @InputParam("docId") String docId,
      @InputParam("research") String research,
      @InputParam("style") String style,
      @InputParam("targetLength") Integer targetLength) {
    Document d = document(docId);
    Research r = research(d, research == null ? "research_blog_post_ideas" : research);
    DraftWriter writer = new DraftWriter(templates());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("title", r.title());
    String body;
    if (LlmClient.configured(config)) {
      try {
        LlmClient client = LlmClient.fromConfig(config);
        LlmClient.Completion c =
            client.complete(
                LlmClient.Request.of(
                    writer.prompt(
                        r,
                        style == null ? "professional" : style,
                        positive(targetLength, 800, "targetLength", 50))));
        body = c.text().strip() + "\n";
        out.put("method", "llm");
        out.put("model", c.model());
      } catch (IdflowException e) {
        throw failure(e);
      }
    } else {
      body = writer.draft(r);
      out.put("method", "template");
    }
    out.put("body", body);
    out.put("words", Readability.of(body, Readability.DEFAULT_WORDS_PER_MINUTE).words());
    out.put("keywords", r.keywords());
    return out;
  }

  private Research research(Document d, String stage) {
    Optional<StageResult> found = stageResult(d, stage);
    if (found.isPresent()) {
      Map<String, Object> p = found.get().properties();
      return new Research(
          title(d),
          d.body(),
          strings(p.get("keywords")),
          strings(p.get("keyphrases")),
          found.get().body(),
          related(p.get("related")));
    }
    Corpus corpus = corpus();
    KeywordExtractor.Keywords k = KeywordExtractor.extract(d.body(), corpus, d.id(), 8, 5);
    return new Research(
        title(d),
        d.body(),
        k.keywords().stream().map(KeywordExtractor.Keyword::term).toList(),
        k.phrases().stream().map(KeywordExtractor.Keyword::term).toList(),
        Summarizer.summarize(d.body(), 2).text(),
        corpus.related(d.id(), MarkdownText.parse(d.body()).text(), 3, 1.0));
  }

  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("term") != null) {
          out.add(String.valueOf(m.get("term")));
        } else if (o != null) {
          out.add(String.valueOf(o));
        }
      }
    }
    return out;
  }

  static List<Corpus.Related> related(Object value) {
    List<Corpus.Related> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("id") != null) {
          Object score = m.get("score");
          out.add(
              new Corpus.Related(
                  String.valueOf(m.get("id")),
                  m.get("title") == null ? "" : String.valueOf(m.get("title")),
                  score instanceof Number n ? n.doubleValue() : 0,
                  strings(m.get("terms"))));
        }
      }
    }
    return out;
  }
}
