package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.config.ConfigCommand;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.doctor.Doctor;
import io.idflow.cli.quickstart.Quickstart;
import io.idflow.cli.server.ServerCommand;
import io.idflow.cli.stage.StageCommand;
import io.idflow.cli.sync.Sync;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.worker.WorkerCommand;
import io.idflow.testing.TestProjects;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which command takes which shared option, as its help shows: {@code --config} wherever the
 * configuration is read, {@code --server} only where the command can contact Conductor, and {@code
 * -a/--all} and {@code -l/--local} spelled alike wherever a command has them.
 */
class SharedOptionsTest {

  @TempDir Path dir;

  private CliHarness cli() {
    return CliHarness.of(
        dir,
        ConfigCommand.class,
        DocCommand.class,
        Doctor.class,
        Quickstart.class,
        ServerCommand.class,
        StageCommand.class,
        Sync.class,
        TasksCommand.class,
        WorkflowCommand.class,
        WorkerCommand.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // command,        --config, --server, -a/--all, -l/--local
    "config show,      true,    true,    false,   false",
    "doc add,          true,    true,    false,   false",
    "doc modify,       true,    true,    false,   false",
    "doc set-status,   true,    true,    false,   false",
    "doc list,         true,    false,   false,   false",
    "doc show,         true,    false,   false,   false",
    "doc locate,       true,    false,   false,   false",
    "doc drop,         true,    false,   false,   false",
    "doc drop-all,     true,    false,   false,   false",
    "doctor,           true,    true,    false,   false",
    "quickstart,       true,    true,    false,   false",
    "server start,     true,    false,   false,   false",
    "server stop,      true,    false,   false,   false",
    "server status,    true,    false,   false,   false",
    "server logs,      true,    false,   false,   false",
    "stage list,       true,    false,   false,   false",
    "stage evaluate,   true,    true,    false,   false",
    "stage run,        true,    true,    false,   false",
    "stage show,       true,    true,    false,   false",
    "stage cancel,     true,    true,    false,   false",
    "sync,             true,    true,    false,   false",
    "tasks list,       true,    true,    true,    true",
    "tasks upload,     true,    true,    true,    false",
    "tasks purge,      true,    true,    false,   false",
    "workflow list,    true,    true,    true,    true",
    "workflow upload,  true,    true,    false,   false",
    "workflow prune,   true,    true,    false,   false",
    "worker list,      true,    false,   false,   false",
    "worker start,     true,    true,    true,    false",
    "worker ps,        true,    false,   false,   false",
    "worker stop,      true,    false,   true,    false",
    "worker killall,   true,    false,   false,   false",
    "worker pause,     true,    false,   false,   false",
    "worker resume,    true,    false,   false,   false",
  })
  void sharedOptionsAreWhereTheyBelongAndSpelledAlike(
      String command, boolean config, boolean server, boolean all, boolean local) {
    CliHarness.Result r = cli().run((command + " --help").split(" "));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().contains("--config=FILE")).as(r.out()).isEqualTo(config);
    assertThat(r.out().contains("--server=URL")).as(r.out()).isEqualTo(server);
    // Whole words: stage evaluate's --allow-rerun is not --all.
    assertThat(Pattern.compile("--all\\b").matcher(r.out()).find()).as(r.out()).isEqualTo(all);
    assertThat(Pattern.compile("--local\\b").matcher(r.out()).find()).as(r.out()).isEqualTo(local);
    if (all) {
      assertThat(r.out()).contains("-a, --all");
    }
    if (local) {
      assertThat(r.out()).contains("-l, --local");
    }
  }

  @Test
  void aCommandThatNeverReachesConductorRefusesServer() {
    CliHarness.Result r = cli().run("doc", "list", "--server", "http://localhost:1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Unknown option").contains("'--server'");
  }

  @Test
  void workerStopTakesTheShortAll() {
    CliHarness.Result r = cli().run("worker", "stop", "-a");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("nothing to stop: no runner is running");
  }

  @Test
  void configNamesTheProjectOfACommandWithoutServer() throws Exception {
    Path other = TestProjects.copy(getClass(), "basic", dir.resolve("other"));
    CliHarness.Result r =
        cli().run("worker", "ps", "--config", Path.of("other", "config", "idflow.yml").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("no worker runners are running in " + other);
  }
}
