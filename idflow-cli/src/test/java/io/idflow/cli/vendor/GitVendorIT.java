package io.idflow.cli.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.cli.CliHarness;
import io.idflow.cli.sync.Sync;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.worker.WorkerCommand;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.JBangRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A git vendor made in the test (a local repository with a task script and a workflow using it) is
 * fetched at its tag, synced, and its task runs in its workflow on a real Conductor.
 */
@ExtendWith(ConductorServerExtension.class)
class GitVendorIT {

  @TempDir Path tmp;

  @Test
  void aFetchedGitVendorsTaskRunsInItsWorkflow(ConductorTestServer server) throws Exception {
    String task = ConductorTestServer.uniqueName("shout");
    String workflow = task + "_wf";
    Path repo = Files.createDirectories(tmp.resolve("tools"));
    git(repo, "init", "-q");
    write(
        repo,
        "tasks/shout/Shout.java",
        """
        ///usr/bin/env jbang "$0" "$@" ; exit $?
        //JAVA 17+
        //DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
        //JAVAC_OPTIONS -parameters

        import com.netflix.conductor.sdk.workflow.task.WorkerTask;
        import java.util.Map;

        public class Shout {
          @WorkerTask("TASK")
          public Map<String, Object> shout(String text) {
            return Map.of("shouted", text.toUpperCase() + "!");
          }
        }
        """
            .replace("TASK", task));
    write(
        repo,
        "workflows/" + workflow + "/" + workflow + ".json",
        """
        {"name": "WF", "version": 1, "ownerEmail": "it@idflow.io",
         "tasks": [{"name": "TASK", "taskReferenceName": "shout",
                    "inputParameters": {"text": "${workflow.input.text}"}}],
         "outputParameters": {"shouted": "${shout.output.shouted}"}}
        """
            .replace("WF", workflow)
            .replace("TASK", task));
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "tools v1");
    git(repo, "tag", "v1");
    // A later commit that must not be used: the spec pins v1.
    write(repo, "workflows/" + workflow + "/" + workflow + ".json", "broken");
    git(repo, "commit", "-qam", "broken");

    Path project = tmp.resolve("project");
    write(project, "config/idflow.yml", "tasks:\n  scan_class_path: false\n  scripts: true\n");
    write(
        project,
        "config/vendors.d/tools.toml",
        "# tools from the test's repository\n[source]\ntype = \"git\"\nurl = \""
            + repo
            + "\"\nref = \"v1\"\n");
    CliHarness cli =
        CliHarness.of(
                project,
                VendorCommand.class,
                Sync.class,
                TasksCommand.class,
                WorkflowCommand.class,
                WorkerCommand.class)
            .env("IDFLOW_CONDUCTOR_URL", server.url());
    new JBangRunner(project, "idflow-cli").environment().forEach(cli::env);
    IdflowConductorClient client = server.client();
    try {
      CliHarness.Result fetch = cli.run("vendor", "fetch");
      assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
      assertThat(fetch.out())
          .startsWith("tools  cloned  " + project.resolve(".idflow/vendors/tools"));
      assertThat(fetch.err()).contains("cloned from " + repo + " v1 (");

      CliHarness.Result list = cli.run("vendor", "list");
      assertThat(list.out())
          .containsPattern("(?m)^  shout +vendor +tools$")
          .containsPattern("(?m)^  " + workflow + " +vendor +tools$");

      CliHarness.Result sync = cli.run("sync", "--yes");
      assertThat(sync.exitCode()).as(sync.toString()).isZero();

      CliHarness.Result start = cli.run("worker", "start", "-w", task, "--detach");
      assertThat(start.exitCode()).as(start.toString()).isZero();

      StartWorkflowRequest req = new StartWorkflowRequest();
      req.setName(workflow);
      req.setVersion(1);
      req.setInput(Map.of("text", "vendored"));
      Workflow wf = await(client, new WorkflowClient(client).startWorkflow(req));
      assertThat(wf.getStatus()).isEqualTo(Workflow.WorkflowStatus.COMPLETED);
      assertThat(wf.getOutput()).isEqualTo(Map.of("shouted", "VENDORED!"));

      CliHarness.Result stop = cli.run("worker", "stop", "--all");
      assertThat(stop.exitCode()).as(stop.toString()).isZero();
    } finally {
      cli.run("worker", "killall", "-k", "-y");
      client.shutdown();
    }
  }

  private static Workflow await(IdflowConductorClient client, String id) throws Exception {
    WorkflowClient workflows = new WorkflowClient(client);
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Workflow wf = workflows.getWorkflow(id, true);
    while (!wf.getStatus().isTerminal() && System.nanoTime() < end) {
      Thread.sleep(100);
      wf = workflows.getWorkflow(id, true);
    }
    return wf;
  }

  private static void write(Path root, String rel, String text) throws Exception {
    Path f = root.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=it",
                "-c",
                "user.email=it@idflow.io",
                "-c",
                "init.defaultBranch=main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}
