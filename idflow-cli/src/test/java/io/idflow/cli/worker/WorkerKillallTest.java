package io.idflow.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.CliHarness;
import io.idflow.testing.TestProjects;
import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worker killall} without Conductor: a {@code sleep} process recorded as a runner stands in
 * for a real one, so a signal can only ever reach that process.
 */
class WorkerKillallTest {

  @TempDir Path dir;

  private Path project;
  private Process sleeper;

  @AfterEach
  void endTheSleeper() {
    if (sleeper != null) {
      sleeper.destroyForcibly();
    }
  }

  private void recordSleeperAsRunner() throws Exception {
    project = TestProjects.copy(getClass(), "worker-basic", dir.resolve("project"));
    sleeper = new ProcessBuilder("sleep", "120").start();
    new RunFiles(project)
        .write(
            new RunFile(
                "sleeper",
                sleeper.pid(),
                sleeper.info().startInstant().orElseThrow(),
                List.of("nap"),
                1,
                "token",
                null,
                null));
  }

  @Test
  void theMatchingRunnersAreDataAndWhatWasSentIsTalk() throws Exception {
    recordSleeperAsRunner();
    CliHarness cli = CliHarness.of(project, WorkerCommand.class);

    CliHarness.Result dry = cli.run("worker", "killall", "--dry-run", "nap");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.out())
        .startsWith("1 runner(s) match 'nap':\n")
        .containsPattern("sleeper +" + sleeper.pid() + " +\\S+ +nap\\n");
    assertThat(dry.err()).isEqualTo("dry run: would send SIGTERM to 1 runner(s)\n");
    assertThat(sleeper.isAlive()).isTrue();

    CliHarness.Result kill = cli.run("worker", "killall", "-y", "nap");
    assertThat(kill.exitCode()).as(kill.toString()).isZero();
    assertThat(kill.out()).startsWith("1 runner(s) match 'nap':\n").doesNotContain("sent");
    assertThat(kill.err())
        .contains("sent SIGTERM to runner sleeper (pid " + sleeper.pid() + ")")
        .contains("SIGTERM sent to 1 runner(s)");
    assertThat(sleeper.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
