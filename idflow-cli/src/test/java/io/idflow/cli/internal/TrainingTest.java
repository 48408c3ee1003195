package io.idflow.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.IdflowRoot;
import io.idflow.cli.config.ConfigCommand;
import io.idflow.cli.doc.DocCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void trainingCoversEveryCommandsHelpOnceAndAnEmptyListing() {
    List<List<String>> lines =
        Training.commandLines(IdflowRoot.withSubcommands(DocCommand.class, ConfigCommand.class));

    assertThat(lines)
        .contains(
            List.of("--version"),
            List.of("--help"),
            List.of("doc", "--help"),
            List.of("doc", "list", "--help"),
            List.of("doc", "add", "--help"),
            List.of("config", "--help"),
            List.of("config", "show", "--help"),
            List.of("doc", "list"),
            List.of("config", "show"))
        // `doc ls` is an alias of `doc list`: its help is the same classes.
        .doesNotContain(List.of("doc", "ls", "--help"))
        .doesNotHaveDuplicates();
  }
}
