package io.idflow.content.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.sdk.workflow.executor.task.NonRetryableException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.document.StageStatus;
import io.idflow.content.Corpus;
import io.idflow.content.http.StubServer;
import io.idflow.content.http.StubServer.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content tasks on a real document store in a temporary project, called as the runner does. */
class ContentTasksTest {

  private static final List<String> NAMES =
      List.of("composting", "city-compost", "sourdough", "workflow-engines", "local-conductor");

  @TempDir Path project;
  private IdflowConfig config;

  private static String text(String name) throws IOException {
    try (InputStream in = ContentTasksTest.class.getResourceAsStream("/texts/" + name + ".md")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private IdflowConfig config(Map<String, Object> flags) {
    ConfigLoader loader = new ConfigLoader().env(Map.of()).workingDir(project);
    flags.forEach((k, v) -> loader.flag(k, v, "--test"));
    return loader.load();
  }

  @BeforeEach
  void addTheDocuments() throws IOException {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/idflow.yml"), "base_dir: data\n");
    config = config(Map.of());
    try (DocumentStore store = DocumentStores.open(config)) {
      for (String name : NAMES) {
        store.create(Document.builder(name).body(text(name)).build());
      }
    }
  }

  private void finishStage(String docId, String stage, Map<String, Object> props, String body) {
    try (DocumentStore store = DocumentStores.open(config)) {
      store.update(
          docId,
          d -> {
            StageInstance s = d.addStage(stage);
            s.setStatus(StageStatus.DONE);
            s.putResult(stage, new StageResult(props, body));
          });
    }
  }

  private Document read(String docId) {
    try (DocumentStore store = DocumentStores.open(config)) {
      return store.get(docId);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void keywordsSummaryAndReadabilityOfADocument() {
    Map<String, Object> k =
        new KeywordExtractTask(config).keywordExtract("composting", null, null, 5, 3);
    Map<String, Object> s = new SummarizeTask(config).summarize("composting", null, null, 1);
    Map<String, Object> r = new ReadabilityTask(config).readability("composting", null, null, null);

    assertThat((List<String>) k.get("terms")).contains("pile", "compost");
    assertThat((List<String>) k.get("phrases")).startsWith("compost pile", "green material");
    assertThat(k.get("corpusSize")).isEqualTo(5);
    assertThat(s.get("summary"))
        .isEqualTo(
            "A compost pile needs four things: green material, brown material, water and air.");
    assertThat(r)
        .containsEntry("words", 176)
        .containsEntry("fleschReadingEase", 74.4)
        .containsEntry("fleschKincaidGrade", 6.3)
        .containsEntry("readingMinutes", 1)
        .containsEntry("level", "fairly easy");
  }

  @Test
  void aTextInputWinsOverTheDocument() {
    Map<String, Object> r =
        new ReadabilityTask(config).readability(null, "The cat sat on the mat.", null, null);

    assertThat(r).containsEntry("words", 6).containsEntry("fleschReadingEase", 116.1);
  }

  @Test
  void aMissingDocumentFailsForGood() {
    assertThatThrownBy(() -> new SummarizeTask(config).summarize("nope", null, null, 2))
        .isInstanceOf(NonRetryableException.class)
        .hasMessage("document nope not found");
  }

  @Test
  @SuppressWarnings("unchecked")
  void relatedDocumentsAreAddedAsReferences() {
    Map<String, Object> out = new RelatedDocsTask(config).relatedDocs("composting", 3, null, null);

    List<Corpus.Related> related = (List<Corpus.Related>) out.get("related");
    assertThat(related).extracting(Corpus.Related::id).containsExactly("city-compost");
    List<DocRef> refs = read("composting").docRefs("related");
    assertThat(refs).singleElement().extracting(DocRef::uuid).isEqualTo("city-compost");
    assertThat(refs.get(0).data()).containsEntry("title", "City composting programs");
    assertThat((Double) refs.get(0).data().get("score")).isGreaterThan(1.0);

    // A second run replaces the references instead of adding to them.
    new RelatedDocsTask(config).relatedDocs("composting", 3, 0.0, null);
    assertThat(read("composting").docRefs("related")).hasSizeGreaterThan(1);
    assertThat(read("composting").docRefs("related"))
        .extracting(DocRef::uuid)
        .doesNotHaveDuplicates()
        .doesNotContain("composting");
  }

  @Test
  void draftGenerateAndPublishFromTheStagesResults() throws IOException {
    finishStage(
        "composting",
        "research_blog_post_ideas",
        Map.of(
            "keywords",
            List.of("pile", "compost", "material"),
            "keyphrases",
            List.of("brown material", "green material"),
            "related",
            List.of(
                Map.of("id", "city-compost", "title", "City composting programs", "score", 4.8))),
        "Finished compost smells like a forest floor and feeds the garden for a whole season.");

    Map<String, Object> draft =
        new CreateBlogPostDraftTask(config).createBlogPostDraft("composting", null, null, null);

    assertThat(draft)
        .containsEntry("method", "template")
        .containsEntry("title", "Composting at home");
    String body = (String) draft.get("body");
    assertThat(body)
        .startsWith("Finished compost smells like a forest floor")
        .contains("## Brown material\n\nA compost pile needs four things")
        .contains("- City composting programs (score 4.8)");

    finishStage("composting", "create_blog_post_draft", Map.of("title", draft.get("title")), body);
    Map<String, Object> post =
        new GenerateBlogPostTask(config)
            .generateBlogPost("composting", null, null, null, Map.of("readingMinutes", 3));

    assertThat(post)
        .containsEntry("title", "Composting at home")
        .containsEntry("tags", List.of("pile", "compost", "material"))
        .containsEntry("readingMinutes", 3)
        .containsEntry("body", body.strip());
    // the description is the draft's own central sentence
    assertThat((String) post.get("description")).endsWith(".");
    assertThat(body).contains((String) post.get("description"));

    Map<String, Object> props = new java.util.LinkedHashMap<>(post);
    props.remove("body");
    finishStage("composting", "generate_blog_post", props, body);
    Map<String, Object> published = new PublishTask(config).publish("composting", null, null);

    assertThat(published)
        .containsEntry("markdown", "publish/composting.md")
        .containsEntry("html", "publish/composting.html")
        .containsEntry("webhook", "not configured");
    String md = Files.readString(project.resolve("publish/composting.md"));
    assertThat(md)
        .startsWith("---\ntitle: Composting at home\ndescription: ")
        .contains("tags:\n- pile\n- compost\n- material\n")
        .contains("reading_minutes: 3\ndocument: composting\n")
        .contains("---\n# Composting at home\n\nFinished compost smells like");
    String html = Files.readString(project.resolve("publish/composting.html"));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<title>Composting at home</title>")
        .contains("<h1>Composting at home</h1>")
        .contains("<h2>Brown material</h2>")
        .contains("3 min read · pile, compost, material")
        .endsWith("</html>\n");
    try (var files = Files.list(project.resolve("publish"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("composting.md", "composting.html");
    }
  }

  @Test
  void publishPostsToAWebhook() throws Exception {
    finishStage(
        "sourdough",
        "generate_blog_post",
        Map.of("title", "Sourdough", "tags", List.of("bread")),
        "Bake it hot.");
    try (StubServer hook = new StubServer(Answer.of(204, ""))) {
      Map<String, Object> out =
          new PublishTask(config).publish("sourdough", null, hook.url("/hook"));

      assertThat(out).containsEntry("webhook", "sent to " + hook.url("/hook"));
      assertThat(hook.received.get(0).body())
          .contains("\"docId\":\"sourdough\"")
          .contains("\"title\":\"Sourdough\"")
          .contains("<p>Bake it hot.</p>");
    }
  }

  @Test
  void theDraftAsksTheConfiguredModel() throws Exception {
    String answer =
        "{\"model\":\"tiny\",\"choices\":[{\"message\":{\"content\":\"A model's draft.\"}}]}";
    try (StubServer llm = new StubServer(Answer.of(200, answer))) {
      IdflowConfig withLlm =
          config(Map.of("llm.url", llm.url("/v1"), "llm.model", "tiny", "base_dir", "data"));

      Map<String, Object> draft =
          new CreateBlogPostDraftTask(withLlm)
              .createBlogPostDraft("sourdough", null, "casual", 300);

      assertThat(draft)
          .containsEntry("method", "llm")
          .containsEntry("model", "tiny")
          .containsEntry("body", "A model's draft.\n");
      assertThat(llm.received.get(0).body())
          .contains("Write a casual blog post draft of about 300 words")
          .contains("Topic: Baking sourdough bread");
    }
  }

  @Test
  void networkTasksWithoutConfigurationFailForGoodWithOneLine() {
    assertThatThrownBy(() -> new WebSearchTask(config).webSearch("compost", null, 3))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageStartingWith("no web search endpoint configured");
    assertThatThrownBy(
            () ->
                new LlmTextCompleteTask(config)
                    .llmTextComplete(
                        "Hi {name}", Map.of("name", "x"), null, null, null, null, null))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageStartingWith("no LLM endpoint configured");
  }

  @Test
  void llmPromptsFillTheirVariables() throws Exception {
    assertThat(
            LlmTextCompleteTask.fill(
                "Tell {who} about {topic}.", Map.of("who", "Ann", "topic", "bread")))
        .isEqualTo("Tell Ann about bread.");
    assertThatThrownBy(() -> LlmTextCompleteTask.fill("Hi {name}", Map.of()))
        .hasMessage("missing prompt variable 'name'");
    assertThat(LlmTextCompleteTask.stop(Map.of("a", "END"))).containsExactly("END");
    String answer = "{\"choices\":[{\"message\":{\"content\":\"Hello Ann\"}}]}";
    try (StubServer llm = new StubServer(Answer.of(200, answer))) {
      IdflowConfig withLlm = config(Map.of("llm.url", llm.url("/v1"), "llm.model", "tiny"));
      Map<String, Object> out =
          new LlmTextCompleteTask(withLlm)
              .llmTextComplete("Greet {who}", Map.of("who", "Ann"), null, 0.1, null, 20, "\n");
      assertThat(out).containsEntry("result", "Hello Ann").containsEntry("model", "tiny");
      assertThat(llm.received.get(0).body()).contains("\"content\":\"Greet Ann\"");
    }
  }
}
