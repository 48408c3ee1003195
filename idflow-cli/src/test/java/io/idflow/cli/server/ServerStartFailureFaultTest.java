package io.idflow.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, hardening item 10: when the local server dies during start-up, {@code server start}
 * shows the log's last lines and where the log is, then the one-line error (exit 3); it used to
 * name only one line that matched "ERROR". The server's JVM is given an option it does not know, so
 * it exits at once, before it reads the jar.
 */
@Tag("fault")
class ServerStartFailureFaultTest {

  @TempDir Path project;

  @Test
  void aServerThatDiesDuringStartUpShowsTheTailOfItsLog() throws IOException {
    TestProjects.copy(getClass(), "basic", project);
    Path config = project.resolve("config/idflow.yml");
    Files.writeString(
        config,
        Files.readString(config) + "\nserver:\n  java_opts: \"-XX:+NoSuchOptionForIdflowTests\"\n");
    CliHarness.Result r =
        CliHarness.of(project, ServerCommand.class).run("server", "start", "--port", "18502");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    List<String> err = r.err().lines().toList();
    assertThat(err.get(err.size() - 1))
        .as(r.toString())
        .startsWith("error: the Conductor server exited during start-up");
    assertThat(r.err())
        .as(r.toString())
        .contains("Last ", " lines of " + project.resolve(".idflow/server/conductor.log"))
        .contains("NoSuchOptionForIdflowTests");
    assertThat(project.resolve(".idflow/server/server.json")).doesNotExist();
  }
}
