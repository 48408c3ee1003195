package io.idflow.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.content.KeywordExtractor.Keyword;
import io.idflow.content.KeywordExtractor.Keywords;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordExtractorTest {

  private static List<String> terms(List<Keyword> keywords) {
    return keywords.stream().map(Keyword::term).toList();
  }

  @Test
  void findsTheTopicWordsAndPhrasesOfAText() {
    Keywords k =
        KeywordExtractor.extract(Texts.read("composting"), Texts.corpus(), "composting", 5, 5);

    assertThat(terms(k.keywords())).contains("pile", "compost").hasSize(5);
    assertThat(k.keywords().get(0).score()).isEqualTo(1.0);
    assertThat(terms(k.phrases())).startsWith("compost pile", "green material", "brown material");
    assertThat(k.phrases())
        .filteredOn(p -> p.term().equals("green material"))
        .singleElement()
        .extracting(Keyword::count)
        .isEqualTo(5);
  }

  @Test
  void leavesOutStopWordsAndPhrasesAcrossPunctuation() {
    Keywords k = KeywordExtractor.extract(Texts.read("composting"), null, null, 50, 50);

    assertThat(terms(k.keywords())).doesNotContain("the", "and", "a", "of", "to", "so", "too");
    // "green material, brown material" must not give "material brown"
    assertThat(terms(k.phrases())).doesNotContain("material brown", "material water");
  }

  @Test
  void weighsWordsAgainstTheOtherDocumentsOfTheCorpus() {
    String text = Texts.read("workflow-engines");

    // Alone, the most frequent word wins; against the corpus, "workflow" is shared with
    // local-conductor and falls behind "engine", which only this text uses.
    Keywords alone = KeywordExtractor.extract(text, null, null, 3, 3);
    Keywords inCorpus = KeywordExtractor.extract(text, Texts.corpus(), "workflow-engines", 3, 3);

    assertThat(alone.keywords().get(0).term()).isEqualTo("workflow");
    assertThat(alone.keywords().get(0).count()).isEqualTo(8);
    assertThat(inCorpus.keywords().get(0).term()).isEqualTo("engine");
    assertThat(terms(inCorpus.phrases())).startsWith("workflow engine", "document pipeline");
  }

  @Test
  void showsTheWrittenFormOfAStem() {
    Keywords k =
        KeywordExtractor.extract(Texts.read("city-compost"), Texts.corpus(), "city-compost", 3, 1);

    assertThat(terms(k.keywords())).contains("cities", "residents");
    assertThat(terms(k.phrases())).containsExactly("city composting program");
  }

  @Test
  void anEmptyTextHasNoKeywords() {
    Keywords k = KeywordExtractor.extract("```\ncode only\n```\n", Texts.corpus(), null, 5, 5);

    assertThat(k.keywords()).isEmpty();
    assertThat(k.phrases()).isEmpty();
  }
}
