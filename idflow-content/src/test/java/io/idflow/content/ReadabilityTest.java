package io.idflow.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadabilityTest {

  @Test
  void scoresAShortSentenceByTheFleschFormulas() {
    // 6 words, 1 sentence, 6 syllables:
    // ease = 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145; grade = 0.39 * 6 + 11.8 - 15.59 = -1.45
    Readability r = Readability.of("The cat sat on the mat.", 200);

    assertThat(r.words()).isEqualTo(6);
    assertThat(r.sentences()).isEqualTo(1);
    assertThat(r.syllables()).isEqualTo(6);
    assertThat(r.fleschReadingEase()).isEqualTo(116.1);
    assertThat(r.fleschKincaidGrade()).isEqualTo(-1.4); // -1.45 rounds half up
    assertThat(r.level()).isEqualTo("very easy");
    assertThat(r.readingMinutes()).isEqualTo(1);
  }

  @Test
  void countsSyllablesByVowelGroups() {
    assertThat(Readability.syllables("cake")).isEqualTo(1);
    assertThat(Readability.syllables("baked")).isEqualTo(1);
    assertThat(Readability.syllables("table")).isEqualTo(2);
    assertThat(Readability.syllables("compost")).isEqualTo(2);
    assertThat(Readability.syllables("readability")).isEqualTo(5);
  }

  @Test
  void scoresRealTextsAndTellsTheHarderOne() {
    Readability compost = Readability.of(Texts.read("composting"), 200);
    Readability engines = Readability.of(Texts.read("workflow-engines"), 200);

    assertThat(compost.words()).isEqualTo(176);
    assertThat(compost.sentences()).isEqualTo(13);
    assertThat(compost.fleschReadingEase()).isEqualTo(74.4);
    assertThat(compost.fleschKincaidGrade()).isEqualTo(6.3);
    assertThat(compost.level()).isEqualTo("fairly easy");
    assertThat(engines.fleschReadingEase()).isLessThan(compost.fleschReadingEase());
    assertThat(engines.fleschKincaidGrade()).isGreaterThan(compost.fleschKincaidGrade());
  }

  @Test
  void readingTimeFollowsTheSpeed() {
    assertThat(Readability.of(Texts.read("composting"), 200).readingMinutes()).isEqualTo(1);
    assertThat(Readability.of(Texts.read("composting"), 100).readingMinutes()).isEqualTo(2);
    assertThat(Readability.of("", 200).readingMinutes()).isZero();
  }
}
