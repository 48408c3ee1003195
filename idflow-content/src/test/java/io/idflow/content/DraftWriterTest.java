package io.idflow.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftWriterTest {

  private static Research research() {
    String body = Texts.read("composting");
    Corpus corpus = Texts.corpus();
    KeywordExtractor.Keywords k = KeywordExtractor.extract(body, corpus, "composting", 5, 3);
    return new Research(
        "Composting at home",
        body,
        k.keywords().stream().map(KeywordExtractor.Keyword::term).toList(),
        k.phrases().stream().map(KeywordExtractor.Keyword::term).toList(),
        Summarizer.summarize(body, 2).text(),
        corpus.related("composting", MarkdownText.parse(body).text(), 3, 1.0));
  }

  @Test
  void draftsFromTheSummaryTopicsAndRelatedDocuments() {
    String draft = new DraftWriter(Templates.builtIn()).draft(research());

    assertThat(draft).startsWith("A compost pile needs four things:");
    assertThat(draft).contains("## Compost pile\n\n");
    assertThat(draft).contains("## Green material\n\n");
    assertThat(draft).contains("## Related reading\n\n- City composting programs (score ");
    assertThat(draft).doesNotContain("Keywords"); // they are the post's tags, not its text
    // Every sentence of the draft's sections is the document's own, and none is used twice.
    List<String> sentences =
        MarkdownText.parse(draft).sentences().stream()
            .filter(s -> s.kind() == MarkdownText.Kind.PARAGRAPH)
            .map(MarkdownText.Sentence::text)
            .toList();
    assertThat(sentences).doesNotHaveDuplicates().hasSizeGreaterThan(4);
    String source = MarkdownText.parse(Texts.read("composting")).text();
    assertThat(sentences).allSatisfy(s -> assertThat(source).contains(s));
  }

  @Test
  void promptsAModelWithTheDocumentAndItsResearch() {
    String prompt = new DraftWriter(Templates.builtIn()).prompt(research(), "friendly", 400);

    assertThat(prompt).startsWith("Write a friendly blog post draft of about 400 words");
    assertThat(prompt).contains("Topic: Composting at home").contains("Keywords to cover: ");
    assertThat(prompt).contains("City composting programs");
  }

  @Test
  void aProjectTemplateReplacesTheBuiltInOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(Templates.DRAFT), "TL;DR {{{summary}}}\n");

    String draft = new DraftWriter(new Templates(dir)).draft(research());

    assertThat(draft).isEqualTo("TL;DR " + research().summary() + "\n");
  }
}
