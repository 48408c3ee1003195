package io.idflow.cli.stage;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.run.Workflow;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.cli.CommandException;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.DurationConverter;
import io.idflow.cli.OutputMixin;
import io.idflow.conductor.ConductorClients;
import io.idflow.stage.RequirementResult;
import io.idflow.stage.StageEngine;
import io.idflow.stage.StageRuns;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow stage run}. */
@Command(
    name = "run",
    description = {
      "Give a document a new instance of a stage and print the instance's id. It starts on"
          + " Conductor at once when the stage's requirements hold, else it stays scheduled and"
          + " starts when a change to the document meets them (stderr says which).",
      "Refused (exit 6) while the stage has a scheduled or active instance on the document"
          + " (see 'idflow stage cancel')."
    })
public class StageRun extends StageStoreCommand {

  /** How often {@code --wait} reads the document and asks Conductor. */
  static final Duration POLL = Duration.ofMillis(500);

  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @Parameters(index = "0", paramLabel = "STAGE", description = "The stage's name.")
  String stage;

  @Parameters(index = "1", paramLabel = "DOC", description = "The document's id.")
  String doc;

  @Option(
      names = "--wait",
      description =
          "Wait until the instance ends, printing each workflow's progress on stderr. Exit 0"
              + " when it is done; 7 when it ends blocked or cancelled, or its stage workflow"
              + " ends FAILED, TERMINATED or TIMED_OUT; 4 when it could not start because"
              + " Conductor is unreachable.")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      converter = DurationConverter.class,
      description =
          "How long --wait waits: 30s, 5m, 1h (default: 10m). When it passes, the command gives"
              + " up with exit 1 (not 7: the run did not end, it goes on).")
  Duration timeout;

  @Override
  protected ExitCode execute() {
    if (timeout != null && !wait) {
      throw IdflowException.usage("--timeout needs --wait");
    }
    String docId = documentId(doc);
    try (StageEngine engine = engine();
        DocumentStore store = openStore()) {
      warnProblems(engine.problems());
      engine.definition(stage);
      Document current = store.get(docId);
      if (current.status() != DocumentStatus.INBOX && current.status() != DocumentStatus.ACTIVE) {
        throw IdflowException.usage(
            "document "
                + docId
                + " is "
                + current.status()
                + ": stages run only on inbox and active documents (see 'idflow doc set-status')");
      }
      StageInstance created = engine.run(store, docId, stage);
      if (!output.json()) {
        out().println(created.id());
        out().flush();
      }
      boolean startFailed = explain(engine, store, docId, created);
      if (!wait) {
        printJson(created, false, false);
        return ExitCode.OK;
      }
      if (startFailed) {
        printJson(created, true, false);
        String url = config().conductorUrl();
        boolean reachable = ConductorClients.health(url, Duration.ofSeconds(5)).reachable();
        throw new CommandException(
            reachable ? ExitCode.UNEXPECTED : ExitCode.CONDUCTOR_UNAVAILABLE,
            "cannot wait for stage "
                + label(created)
                + ": it did not start (see the warning above)"
                + (reachable ? "" : " and Conductor is not reachable at " + url));
      }
      return waitFor(engine, store, docId, created);
    }
  }

  /**
   * Says on stderr what became of the new instance.
   *
   * @return whether it stayed scheduled although its requirements hold (its start failed)
   */
  private boolean explain(
      StageEngine engine, DocumentStore store, String docId, StageInstance created) {
    switch (created.status()) {
      case SCHEDULED -> {
        RequirementResult r = engine.requirements(store.get(docId), stage);
        if (!r.met()) {
          info(
              "stage "
                  + label(created)
                  + " is scheduled: requirements not met: "
                  + r
                  + "; it starts when a change to the document meets them");
          return false;
        }
        info(
            "stage "
                + label(created)
                + " stays scheduled; the next change to the document, or 'idflow stage evaluate"
                + " --uuid "
                + docId
                + "', starts it");
        return true;
      }
      case ACTIVE ->
          info(
              "stage "
                  + label(created)
                  + " started: "
                  + count(StageEvaluate.workflows(created).size(), "workflow")
                  + " (stage workflow "
                  + created.get(StageEngine.WORKFLOW_ID)
                  + ")");
      case DONE -> info("stage " + label(created) + " is done: it had no workflow to run");
      default -> {
        if (!wait) {
          warn("stage " + label(created) + " is " + created.status() + failure(created));
        }
      }
    }
    return false;
  }

  private ExitCode waitFor(
      StageEngine engine, DocumentStore store, String docId, StageInstance created) {
    Duration limit = timeout == null ? DEFAULT_TIMEOUT : timeout;
    long deadline = System.nanoTime() + limit.toNanos();
    WorkflowClient workflows = conductor().workflows();
    Map<String, String> seen = new HashMap<>();
    String waitingFor = null;
    // explain() said why a new instance is scheduled; say it again only when it changes.
    boolean said = created.status() == StageStatus.SCHEDULED;
    while (true) {
      StageInstance s = reread(store, docId, created);
      if (!s.status().isOpen()) {
        if (s.get(StageEngine.WORKFLOW_ID) != null) {
          // The workflows' last statuses, which the run reached between two reads.
          follow(workflows, s.get(StageEngine.WORKFLOW_ID).toString(), seen);
        }
        return ended(s);
      }
      if (s.status() == StageStatus.SCHEDULED) {
        RequirementResult r = engine.requirements(store.get(docId), stage);
        String why = r.met() ? "its start" : "its requirements: " + r;
        if (!why.equals(waitingFor)) {
          if (!said) {
            info("waiting for " + why);
          }
          waitingFor = why;
          said = false;
        }
      } else if (s.get(StageEngine.WORKFLOW_ID) != null) {
        String workflowId = s.get(StageEngine.WORKFLOW_ID).toString();
        Workflow run = follow(workflows, workflowId, seen);
        if (run != null && run.getStatus().isTerminal() && !run.getStatus().isSuccessful()) {
          // update_stage_status may have ended the instance just before the run ended; else the
          // run's failure workflow is about to record it: record it now, as it would.
          engine.reconcile(store, docId);
          StageInstance now = reread(store, docId, created);
          if (!now.status().isOpen()) {
            return ended(now);
          }
          printJson(now, true, false);
          throw new CommandException(
              ExitCode.RUN_FAILED,
              "stage "
                  + label(now)
                  + ": its stage workflow "
                  + workflowId
                  + " ended "
                  + run.getStatus()
                  + (run.getReasonForIncompletion() == null
                      ? ""
                      : ": " + run.getReasonForIncompletion()));
        }
      }
      if (System.nanoTime() - deadline >= 0) {
        printJson(s, true, true);
        err()
            .println(
                "error: gave up waiting after "
                    + DurationConverter.format(limit)
                    + ": stage "
                    + label(s)
                    + " is still "
                    + s.status()
                    + "; it goes on (see 'idflow stage show "
                    + docId
                    + "')");
        err().flush();
        return ExitCode.UNEXPECTED;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandException(ExitCode.UNEXPECTED, "interrupted while waiting", e);
      }
    }
  }

  private StageInstance reread(DocumentStore store, String docId, StageInstance created) {
    Document d =
        store
            .find(docId)
            .orElseThrow(
                () ->
                    new CommandException(
                        ExitCode.UNEXPECTED,
                        "document " + docId + " was deleted while waiting for its stage"));
    return d.stageById(created.id())
        .orElseThrow(
            () ->
                new CommandException(
                    ExitCode.UNEXPECTED,
                    "stage " + label(created) + " was removed while waiting for it"));
  }

  /** Reads the stage run and prints a line for each workflow whose status changed. */
  private Workflow follow(WorkflowClient workflows, String workflowId, Map<String, String> seen) {
    Workflow run;
    try {
      run = workflows.getWorkflow(workflowId, true);
    } catch (ConductorUnavailableException | ConductorClientException e) {
      warnOnce(
          "cannot follow stage workflow "
              + workflowId
              + " on Conductor ("
              + e.getMessage().strip().lines().findFirst().orElse("")
              + "); watching the document");
      return null;
    }
    if (run == null) {
      return null;
    }
    StageRuns.workflowStatuses(run).forEach((w, status) -> progress(seen, w, status));
    return run;
  }

  private void progress(Map<String, String> seen, String workflow, String status) {
    if (!status.equals(seen.put(workflow, status))) {
      info("  " + workflow + ": " + status);
    }
  }

  /** The end of the wait: done is exit 0, blocked or cancelled exit 7 with the failure. */
  private ExitCode ended(StageInstance s) {
    printJson(s, true, false);
    if (s.status() == StageStatus.DONE) {
      List<String> results = List.copyOf(s.results().keySet());
      info(
          "stage "
              + label(s)
              + ": done"
              + (results.isEmpty() ? "" : " (results: " + String.join(", ", results) + ")"));
      return ExitCode.OK;
    }
    throw new CommandException(
        ExitCode.RUN_FAILED, "stage " + label(s) + " ended " + s.status() + failure(s));
  }

  private void printJson(StageInstance s, boolean waited, boolean timedOut) {
    if (!output.json()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("document", s.parentId());
    m.put("stage", s.name());
    m.put("counter", s.counter());
    m.put("id", s.id());
    m.put("status", s.status().fileName());
    m.put("workflowId", s.get(StageEngine.WORKFLOW_ID));
    m.put("workflows", StageEvaluate.workflows(s));
    m.put("results", List.copyOf(s.results().keySet()));
    m.put("failure", s.get(StageEngine.FAILURE));
    m.put("waited", waited);
    m.put("timedOut", timedOut);
    OutputMixin.printJson(out(), m);
  }

  /** {@code research #2 of document <id>}. */
  static String label(StageInstance s) {
    return s.name() + " #" + s.counter() + " of document " + s.parentId();
  }

  /** {@code : workflow w, task t: message}, or empty. */
  static String failure(StageInstance s) {
    if (!(s.get(StageEngine.FAILURE) instanceof Map<?, ?> f)) {
      return "";
    }
    StringBuilder b = new StringBuilder(": ");
    if (f.get("workflow") != null) {
      b.append("workflow ").append(f.get("workflow"));
      if (f.get("task") != null) {
        b.append(", task ").append(f.get("task"));
      }
      b.append(": ");
    }
    b.append(f.get("message"));
    return b.toString();
  }
}
