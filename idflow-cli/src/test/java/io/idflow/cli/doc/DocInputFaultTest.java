package io.idflow.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault suite: bad input to the document commands is refused in one line, changing nothing. */
@Tag("fault")
class DocInputFaultTest {

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void project() {
    TestProjects.copy(getClass(), "docs", dir);
    cli = CliHarness.of(dir, DocCommand.class);
  }

  private void assertUsageErrorAndNothingWritten(String... args) {
    CliHarness.Result r = cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err()).startsWith("error: ");
    assertThat(
            Files.exists(dir.resolve("data/inbox"))
                && dir.resolve("data/inbox").toFile().list().length > 0)
        .as("no document was created")
        .isFalse();
  }

  /** Item 4: trailing content after a JSON value. */
  @Test
  void contentAfterJsonIsAUsageError() {
    assertUsageErrorAndNothingWritten("doc", "add", "x", "--json", "a=1 2");
    assertUsageErrorAndNothingWritten("doc", "add", "x", "--json", "a={\"b\":1}}");
    assertUsageErrorAndNothingWritten(
        "doc",
        "add",
        "x",
        "--add-doc",
        "k=5d26a3cc-1d04-4ed8-a702-8a658609daa9",
        "--doc-data",
        "{\"r\":1} x");
  }
}
