package com.example.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.document.Document;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.run.Run;
import io.idflow.conductor.run.RunStatus;
import io.idflow.testkit.IdflowTestKit;
import io.idflow.testkit.IdflowTestKitExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's workflows and stage on a real Conductor, with its workers in this JVM. */
@ExtendWith(IdflowTestKitExtension.class)
class WordCountPipelineIT {

  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void countsTheWordsOfAText(IdflowTestKit kit) {
    Run run = kit.run("count_words", Map.of("text", "Backups that actually restore"));

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.output()).containsEntry("words", 4).containsEntry("longest", "actually");
  }

  @Test
  void anArticleGetsItsWordsCounted(IdflowTestKit kit) {
    Document doc =
        kit.addDocument(
            Map.of("title", "Runbooks", "tags", List.of("article")),
            "Runbooks people can follow at night.");

    StageInstance stats = kit.awaitStage(doc.id(), "word_stats", StageStatus.DONE, WAIT);

    assertThat(stats.result(kit.workflowName("word_stats")))
        .hasValueSatisfying(
            r -> assertThat(r.body()).isEqualTo("6 words; the longest is 'Runbooks'."));
  }

  @Test
  void aDocumentWithoutTheTagGetsNoStage(IdflowTestKit kit) {
    Document doc = kit.addDocument(Map.of("title", "Notes", "tags", List.of("note")), "a b c");

    assertThat(kit.document(doc.id()).stages("word_stats")).isEmpty();
  }
}
