package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.cli.config.ConfigCommand;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.doctor.Doctor;
import io.idflow.cli.server.ServerCommand;
import io.idflow.cli.sync.SyncCommand;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.worker.WorkerCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which command takes which shared option, as its help shows: {@code --config} wherever the
 * configuration is read, {@code --server} only where the command can contact Conductor.
 */
class SharedOptionsTest {

  @TempDir Path dir;

  private CliHarness cli() {
    return CliHarness.of(
        dir,
        ConfigCommand.class,
        DocCommand.class,
        Doctor.class,
        ServerCommand.class,
        SyncCommand.class,
        TasksCommand.class,
        WorkflowCommand.class,
        WorkerCommand.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // command,        --config, --server
    "config show,      true,     true",
    "doc add,          true,     true",
    "doc modify,       true,     true",
    "doc set-status,   true,     true",
    "doc list,         true,     false",
    "doc show,         true,     false",
    "doc locate,       true,     false",
    "doc drop,         true,     false",
    "doc drop-all,     true,     false",
    "doctor,           true,     true",
    "server start,     true,     false",
    "server stop,      true,     false",
    "server status,    true,     false",
    "server logs,      true,     false",
    "sync,             true,     true",
    "tasks list,       true,     true",
    "tasks upload,     true,     true",
    "tasks purge,      true,     true",
    "workflow list,    true,     true",
    "workflow upload,  true,     true",
    "workflow prune,   true,     true",
    "worker list,      true,     false",
    "worker start,     true,     true",
    "worker ps,        true,     false",
    "worker stop,      true,     false",
    "worker killall,   true,     false",
    "worker pause,     true,     false",
    "worker resume,    true,     false",
  })
  void configEverywhereServerOnlyWhereConductorIsReached(
      String command, boolean config, boolean server) {
    CliHarness.Result r = cli().run((command + " --help").split(" "));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().contains("--config=FILE")).as(r.out()).isEqualTo(config);
    assertThat(r.out().contains("--server=URL")).as(r.out()).isEqualTo(server);
  }

  @Test
  void aCommandThatNeverReachesConductorRefusesServer() {
    CliHarness.Result r = cli().run("doc", "list", "--server", "http://localhost:1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Unknown option").contains("'--server'");
  }

  @Test
  void configNamesTheProjectOfACommandWithoutServer() throws Exception {
    Path other = dir.resolve("other");
    Files.createDirectories(other.resolve("config"));
    Files.writeString(other.resolve("config/idflow.yml"), "base_dir: data\n");
    CliHarness.Result r =
        cli().run("worker", "ps", "--config", Path.of("other", "config", "idflow.yml").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("no worker runners are running in " + other);
  }
}
