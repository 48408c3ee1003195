package com.example.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.testkit.IdflowTestKit;
import io.idflow.worker.TaskHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One task method, without a server. */
class WordCountTest {

  private final TaskHarness countWords = IdflowTestKit.harness(new WordCount(), "count_words");

  @Test
  void countsWordsAndNamesTheLongest() {
    assertThat(countWords.output(Map.of("text", "Small pull requests get merged.")))
        .containsEntry("words", 5)
        .containsEntry("longest", "requests");
  }

  @Test
  void anEmptyTextHasNoWords() {
    assertThat(countWords.output(Map.of("text", "  "))).containsEntry("words", 0);
  }
}
