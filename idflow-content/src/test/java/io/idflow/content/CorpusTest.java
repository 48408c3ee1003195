package io.idflow.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {

  private static String text(String name) {
    return MarkdownText.parse(Texts.read(name)).text();
  }

  @Test
  void findsTheDocumentOnTheSameTopicFirst() {
    Corpus corpus = Texts.corpus();

    List<Corpus.Related> compost = corpus.related("composting", text("composting"), 3, 0);
    List<Corpus.Related> conductor =
        corpus.related("local-conductor", text("local-conductor"), 3, 0);

    assertThat(compost.get(0).id()).isEqualTo("city-compost");
    assertThat(compost.get(0).title()).isEqualTo("City composting programs");
    assertThat(compost.get(0).terms()).contains("scraps", "air");
    assertThat(compost.get(0).score()).isGreaterThan(compost.get(1).score() * 3);
    assertThat(conductor.get(0).id()).isEqualTo("workflow-engines");
  }

  @Test
  void leavesOutTheDocumentItselfAndWeakMatches() {
    Corpus corpus = Texts.corpus();

    List<Corpus.Related> related = corpus.related("composting", text("composting"), 5, 1.0);

    assertThat(related).extracting(Corpus.Related::id).containsExactly("city-compost");
  }

  @Test
  void countsDocumentFrequenciesOfStems() {
    Corpus corpus = Texts.corpus();

    assertThat(corpus.size()).isEqualTo(5);
    assertThat(corpus.docFreq("compost")).isEqualTo(2);
    assertThat(corpus.docFreq("sourdough")).isEqualTo(1);
    assertThat(corpus.docFreq("the")).isZero();
  }
}
