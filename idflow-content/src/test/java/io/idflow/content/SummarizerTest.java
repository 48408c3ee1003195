package io.idflow.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SummarizerTest {

  @Test
  void picksTheCentralSentencesInTextOrder() {
    Summarizer.Summary s = Summarizer.summarize(Texts.read("composting"), 2);

    assertThat(s.text())
        .isEqualTo(
            "A compost pile needs four things: green material, brown material, water and air."
                + " The balance of green material and brown material decides how fast the compost"
                + " pile works.");
    assertThat(s.total()).isEqualTo(13);
    assertThat(s.sentences()).extracting(Summarizer.Ranked::index).containsExactly(2, 5);
  }

  @Test
  void summarisesEachTextByItsOwnTopic() {
    assertThat(Summarizer.summarize(Texts.read("sourdough"), 1).text())
        .isEqualTo("Sourdough bread rises with a starter instead of commercial yeast.");
    assertThat(Summarizer.summarize(Texts.read("workflow-engines"), 1).text())
        .contains("workflow engine");
  }

  @Test
  void leavesOutHeadingsAndCodeAndKeepsShortTextsWhole() {
    String md =
        "# A heading that is long enough to be a sentence\n\n"
            + "The only paragraph has one sentence.\n\n"
            + "```\nint code = 1; // never a sentence.\n```\n";

    Summarizer.Summary s = Summarizer.summarize(md, 3);

    assertThat(s.text()).isEqualTo("The only paragraph has one sentence.");
    assertThat(s.total()).isEqualTo(1);
  }

  @Test
  void refusesFewerThanOneSentence() {
    assertThatThrownBy(() -> Summarizer.summarize("Text.", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 or more");
  }
}
