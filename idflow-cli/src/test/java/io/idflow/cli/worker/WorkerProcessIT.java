package io.idflow.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.metadata.tasks.Task;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.cli.CliHarness;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.TestProjects;
import io.idflow.worker.*;
import io.idflow.worker.internal.*;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runner processes: signals, kill -9, and the commands that find them through pid files. */
@ExtendWith(ConductorServerExtension.class)
class WorkerProcessIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Path project;
  private ConductorTestServer server;
  private IdflowConductorClient client;
  private Conductor conductor;
  private CliHarness cli;
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp(ConductorTestServer server) {
    this.server = server;
    project = TestProjects.copy(getClass(), "worker-basic", dir.resolve("project"));
    client = server.client();
    conductor = new Conductor(client);
    cli = CliHarness.of(project, WorkerCommand.class).env("IDFLOW_CONDUCTOR_URL", server.url());
  }

  @AfterEach
  void tearDown() {
    children.forEach(Process::destroyForcibly);
    client.shutdown();
  }

  private Process child(String name, String... workers) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ChildRunner.class.getName());
    cmd.add(project.toString());
    cmd.add(server.url());
    cmd.add(name);
    cmd.addAll(List.of(workers));
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(project.toFile())
            .start();
    children.add(p);
    RunFiles files = new RunFiles(project);
    long end = System.nanoTime() + WAIT.toNanos();
    while (!Files.exists(files.fileOf(p.pid())) && p.isAlive() && System.nanoTime() < end) {
      Conductor.sleep(50);
    }
    assertThat(files.fileOf(p.pid())).as("pid file; log:\n%s", read(log)).exists();
    return p;
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private void awaitFile(Path f) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!Files.exists(f) && System.nanoTime() < end) {
      Conductor.sleep(50);
    }
    assertThat(f).exists();
  }

  @Test
  void sigtermDrainsTheTaskInFlightThenExitsZero() throws Exception {
    String slow = ConductorTestServer.uniqueName("sigterm");
    conductor.registerTask(slow, 0, 60);
    Process p = child("drainer", "slow=" + slow);
    Path started = dir.resolve("started");
    String id = conductor.start(slow, Map.of("ms", 3000, "started", started.toString()));
    awaitFile(started);

    CliHarness.Result kill = cli.run("worker", "killall", "-y", "drain"); // SIGTERM
    assertThat(kill.exitCode()).as(kill.toString()).isZero();
    assertThat(kill.out()).contains("1 runner(s) match 'drain':").contains("drainer");
    assertThat(kill.err()).contains("sent SIGTERM to runner drainer (pid " + p.pid() + ")");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(read(dir.resolve("drainer.log"))).isZero();
    assertThat(read(dir.resolve("drainer.log")))
        .contains("started worker " + slow)
        .contains("stopping runner drainer")
        .contains("runner drainer stopped")
        // every line of the runner starts with the time (hardening item 14)
        .containsPattern(
            "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z started worker ")
        .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z runner drainer stopped$");
    Workflow wf = conductor.get(id);
    assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    assertThat(wf.getTasks()).hasSize(1);
    assertThat(new RunFiles(project).fileOf(p.pid())).doesNotExist();
  }

  @Test
  void psPauseResumeAndStopReachTheRunningRunner() throws Exception {
    String echo = ConductorTestServer.uniqueName("ctl");
    String upper = ConductorTestServer.uniqueName("ctl_upper");
    conductor.registerTask(echo, 0, 30);
    conductor.registerTask(upper, 0, 30);
    Process p = child("ctl", "echo=" + echo, "upper=" + upper);

    CliHarness.Result ps = cli.run("worker", "ps");
    assertThat(ps.exitCode()).as(ps.toString()).isZero();
    assertThat(ps.out()).contains("ctl").contains(String.valueOf(p.pid())).contains(echo);

    CliHarness.Result paused = cli.run("worker", "pause", echo);
    assertThat(paused.exitCode()).as(paused.toString()).isZero();
    assertThat(paused.err()).contains("paused " + echo + " in runner ctl (pid " + p.pid() + ")");
    String id = conductor.start(echo, Map.of("msg", "m", "n", 2));
    String other = conductor.start(upper, Map.of("text", "still works"));
    assertThat(conductor.awaitEnd(other, WAIT).getStatus())
        .isEqualTo(Workflow.WorkflowStatus.COMPLETED);
    assertThat(conductor.get(id).getTasks().get(0).getStatus()).isEqualTo(Task.Status.SCHEDULED);
    CliHarness.Result json = cli.run("worker", "ps", "--output", "json");
    assertThat(json.out()).contains("\"paused\" : true");

    CliHarness.Result resumed = cli.run("worker", "resume");
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(conductor.awaitEnd(id, WAIT).getStatus())
        .isEqualTo(Workflow.WorkflowStatus.COMPLETED);

    CliHarness.Result stop = cli.run("worker", "stop", "ctl");
    assertThat(stop.exitCode()).as(stop.toString()).isZero();
    assertThat(stop.err()).contains("stopped runner ctl (pid " + p.pid() + ")");
    assertThat(p.isAlive()).isFalse();
    assertThat(p.exitValue()).isZero();
    assertThat(cli.run("worker", "ps").err()).contains("no worker runners are running");
  }

  @Test
  void aKilledRunnersTaskIsDeliveredAgainAndCompletedByANewRunner() throws Exception {
    String slow = ConductorTestServer.uniqueName("killed");
    conductor.registerTask(slow, 1, 3);
    Process p = child("victim", "slow=" + slow);
    Path started = dir.resolve("started-killed");
    String id = conductor.start(slow, Map.of("ms", 1000, "started", started.toString()));
    awaitFile(started);

    CliHarness.Result kill = cli.run("worker", "killall", "-k", "-y", "victim");
    assertThat(kill.exitCode()).as(kill.toString()).isZero();
    assertThat(kill.err()).contains("sent SIGKILL to runner victim (pid " + p.pid() + ")");
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new RunFiles(project).fileOf(p.pid())).doesNotExist();

    TestWorkers fresh = new TestWorkers();
    TaskRunner second =
        TaskRunner.builder(client)
            .worker(
                new WorkerMethod(slow, TestWorkers.method("slow"), fresh, 0, 0, "", null),
                WorkerSettings.defaults())
            .build();
    second.start();
    try {
      // The server notices the missed response time-out at its next evaluation; ask for one.
      Workflow wf =
          conductor.await(
              id,
              WAIT,
              w -> {
                conductor.decide(client, id);
                return w.getStatus().isTerminal();
              });
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      // Read again: the server may have read the tasks just before the workflow completed.
      assertThat(conductor.get(id).getTasks())
          .extracting(Task::getStatus)
          .containsExactly(Task.Status.TIMED_OUT, Task.Status.COMPLETED);
      assertThat(fresh.slowCalls.get()).isEqualTo(1);
    } finally {
      second.shutdown();
      second.awaitTermination(WAIT);
    }
  }

  @Test
  void stalePidFilesAreRemovedAndMissingRunnersReported() throws Exception {
    RunFiles files = new RunFiles(project);
    // A process that has ended: its pid file is stale.
    Process gone = new ProcessBuilder(javaBin(), "-version").start();
    gone.waitFor();
    files.write(
        new RunFile(
            "ghost",
            gone.pid(),
            gone.info().startInstant().orElse(java.time.Instant.now()),
            List.of("t"),
            1,
            "token",
            null,
            null));

    CliHarness.Result ps = cli.run("worker", "ps");
    assertThat(ps.exitCode()).isZero();
    assertThat(ps.err()).contains("removed 1 stale pid file");
    assertThat(files.fileOf(gone.pid())).doesNotExist();

    CliHarness.Result pause = cli.run("worker", "pause", "t");
    assertThat(pause.exitCode()).isEqualTo(3);
    assertThat(pause.err()).contains("no running runner runs task type 't'");
    CliHarness.Result stop = cli.run("worker", "stop", "--all");
    assertThat(stop.exitCode()).isZero();
    assertThat(stop.err()).contains("nothing to stop");
    assertThat(cli.run("worker", "stop").exitCode()).isEqualTo(2);
    CliHarness.Result killall = cli.run("worker", "killall", "-y");
    assertThat(killall.exitCode()).isZero();
    assertThat(killall.err()).contains("no running runner matches any name");
  }

  private static String javaBin() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }
}
