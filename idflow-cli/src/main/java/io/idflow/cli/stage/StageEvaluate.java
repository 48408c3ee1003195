package io.idflow.cli.stage;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentNotFoundException;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.stage.StageDecision;
import io.idflow.stage.StageEngine;
import io.idflow.stage.StageEvaluation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idflow stage evaluate}. */
@Command(
    name = "evaluate",
    description = {
      "Evaluate the stages of documents: every active stage whose requirements a document meets"
          + " gets a new instance, which starts on Conductor at once (or stays scheduled, with a"
          + " warning, when Conductor cannot be reached; the next change to the document or the"
          + " next evaluation starts it). An active stage whose run has ended on Conductor"
          + " without recording it (terminated by an operator or the server) is ended as its run"
          + " ended.",
      "Prints a report per document and a summary. Invalid stage definitions are named on"
          + " stderr and make the command exit 5 after the valid ones were evaluated."
    })
public class StageEvaluate extends StageStoreCommand {

  @Mixin ConnectionMixin connection;
  @Mixin OutputMixin output;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description =
          "Evaluate the documents with this status: inbox (default), active, done, blocked or"
              + " archived. Only inbox and active documents get stages.")
  String status;

  @Option(
      names = "--uuid",
      paramLabel = "ID",
      description = "Evaluate only this document (not with --status).")
  String uuid;

  @Option(
      names = "--stage",
      paramLabel = "NAME",
      description = "Evaluate only this stage (the save that follows evaluates the others).")
  String stage;

  @Option(
      names = "--allow-rerun",
      description =
          "Give a multiple_callable stage a new instance when its earlier ones have ended.")
  boolean allowRerun;

  @Option(
      names = "--dry-run",
      description = "Evaluate copies of the documents: write nothing, start nothing.")
  boolean dryRun;

  @Override
  protected ExitCode execute() {
    if (uuid != null && status != null) {
      throw IdflowException.usage("--uuid and --status exclude each other");
    }
    DocumentStatus wanted = status == null ? DocumentStatus.INBOX : documentStatus(status);
    String only = uuid == null ? null : documentId(uuid);
    try (StageEngine engine = engine();
        DocumentStore store = openStore()) {
      warnProblems(engine.problems());
      if (stage != null) {
        engine.definition(stage);
      }
      if (dryRun && only == null) {
        return dryRunAll(engine, store, wanted);
      }
      List<String> ids = ids(store, only, wanted);
      if (ids.isEmpty()) {
        // Nothing to evaluate is not a failure (the original exits 1): a scheduled
        // `stage evaluate` must not fail on an empty inbox.
        if (output.json()) {
          OutputMixin.printJson(out(), json(List.of(), engine));
        } else {
          info("No documents found with status '" + wanted.folderName() + "'");
        }
        failOnProblems(engine.problems());
        return ExitCode.OK;
      }
      List<Report> reports = new ArrayList<>();
      if (!output.json()) {
        out().println("Evaluating " + count(ids.size(), "document") + "...");
      }
      for (String id : ids) {
        Optional<Report> report = evaluate(engine, store, id, only != null);
        if (report.isPresent()) {
          reports.add(report.get());
          if (!output.json()) {
            print(report.get());
          }
        }
      }
      if (output.json()) {
        OutputMixin.printJson(out(), json(reports, engine));
      } else {
        printSummary(reports);
      }
      if (dryRun) {
        info("Dry run: nothing was written and no stage was started.");
      }
      failOnProblems(engine.problems());
    }
    return ExitCode.OK;
  }

  private static DocumentStatus documentStatus(String name) {
    try {
      return DocumentStatus.of(name);
    } catch (IllegalArgumentException e) {
      throw IdflowException.usage(e.getMessage());
    }
  }

  /** The ids to evaluate, read before any is written (a write may move a document). */
  private List<String> ids(DocumentStore store, String only, DocumentStatus wanted) {
    if (only != null) {
      return List.of(store.get(only).id());
    }
    DocumentQuery query =
        DocumentQuery.all()
            .withStatuses(Set.of(wanted))
            .onCorrupt(e -> warnOnce("skipped " + e.getMessage()));
    try (var docs = store.where(query)) {
      return docs.map(Document::id).toList();
    }
  }

  /** One line of a document's report. */
  private record Line(
      String stage,
      String outcome,
      String reason,
      String instanceId,
      int counter,
      StageInstance after) {}

  /** What happened to one document. */
  private record Report(
      String id,
      DocumentStatus before,
      DocumentStatus after,
      int stages,
      List<Line> lines,
      int checked) {

    long started() {
      return lines.stream().filter(l -> !l.outcome.equals(SKIPPED)).count();
    }

    long skipped() {
      return lines.stream().filter(l -> l.outcome.equals(SKIPPED)).count();
    }
  }

  private static final String STARTED = "STARTED";
  private static final String WOULD_START = "WOULD START";
  private static final String SKIPPED = "SKIPPED";

  private Optional<Report> evaluate(
      StageEngine engine, DocumentStore store, String id, boolean single) {
    AtomicReference<StageEvaluation> evaluation = new AtomicReference<>();
    Set<String> existing = new HashSet<>();
    Set<String> scheduled = new HashSet<>();
    Document after;
    try {
      if (dryRun) {
        return Optional.of(dryRun(engine, store.get(id)));
      } else {
        AtomicReference<Boolean> activeRun = new AtomicReference<>(false);
        store.update(
            id,
            d -> {
              for (StageInstance s : d.stages()) {
                existing.add(s.id());
                if (s.status() == StageStatus.SCHEDULED) {
                  scheduled.add(s.id());
                }
              }
              activeRun.set(hasActiveRun(d));
              evaluation.set(engine.evaluate(d, stage, allowRerun));
            });
        // An active stage whose run ended on Conductor without recording it would hold the
        // stages that wait for it for ever: end it now (its save starts those stages).
        if (activeRun.get()) {
          reconcile(engine, store, id);
        }
        // Read again: the store's stage listener started the new instances after the write.
        after = store.get(id);
      }
    } catch (DocumentNotFoundException e) {
      if (single) {
        throw e;
      }
      warnOnce("document " + id + " was deleted while the stages were evaluated");
      return Optional.empty();
    }
    return Optional.of(report(id, evaluation.get(), existing, scheduled, after));
  }

  /** A dry run's report on a copy of the document. */
  private Report dryRun(StageEngine engine, Document document) {
    Document copy = document.copy();
    Set<String> existing = new HashSet<>();
    copy.stages().forEach(s -> existing.add(s.id()));
    StageEvaluation ev = engine.evaluate(copy, stage, allowRerun);
    return report(copy.id(), ev, existing, Set.of(), copy);
  }

  /**
   * The dry run over every document with the status: documents are read by the store's readers and
   * evaluated on every core, and reported in the listing's order.
   */
  private ExitCode dryRunAll(StageEngine engine, DocumentStore store, DocumentStatus wanted) {
    DocumentQuery query =
        DocumentQuery.all()
            .withStatuses(Set.of(wanted))
            .onCorrupt(e -> warnOnce("skipped " + e.getMessage()));
    List<Report> reports = new ArrayList<>();
    try (var docs = store.where(query)) {
      Parallel.orderedMap(docs, d -> dryRun(engine, d), reports::add);
    }
    if (output.json()) {
      OutputMixin.printJson(out(), json(reports, engine));
    } else if (reports.isEmpty()) {
      info("No documents found with status '" + wanted.folderName() + "'");
    } else {
      out().println("Evaluating " + count(reports.size(), "document") + "...");
      reports.forEach(this::print);
      printSummary(reports);
    }
    info("Dry run: nothing was written and no stage was started.");
    failOnProblems(engine.problems());
    return ExitCode.OK;
  }

  private Report report(
      String id, StageEvaluation ev, Set<String> existing, Set<String> scheduled, Document after) {
    List<Line> lines = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    for (StageDecision d : ev.decisions()) {
      if (d.outcome() == StageDecision.Outcome.CREATED) {
        reported.add(d.instanceId());
        lines.add(
            new Line(
                d.stage(),
                dryRun ? WOULD_START : STARTED,
                d.reason(),
                d.instanceId(),
                d.counter(),
                after.stageById(d.instanceId()).orElse(null)));
      } else {
        lines.add(new Line(d.stage(), SKIPPED, d.reason(), null, 0, null));
      }
    }
    // The save evaluates the document again: with --stage the other stages, and after a stage
    // that finished at once (no workflow to run) the stages that waited for it.
    // And the save starts the instances that stayed scheduled before (Conductor was down).
    for (StageInstance s : after.stages()) {
      if (!existing.contains(s.id()) && !reported.contains(s.id())) {
        lines.add(new Line(s.name(), STARTED, "requirements met on save", s.id(), s.counter(), s));
      } else if (scheduled.contains(s.id()) && s.status() != StageStatus.SCHEDULED) {
        lines.add(
            new Line(s.name(), STARTED, "scheduled before, started now", s.id(), s.counter(), s));
      }
    }
    return new Report(
        id,
        ev.statusBefore(),
        after.status(),
        after.stages().size(),
        lines,
        ev.requirementsChecked());
  }

  private void print(Report r) {
    PrintWriter o = out();
    o.println();
    o.println("Document " + r.id() + " (status: " + r.before().folderName() + "):");
    if (r.lines().isEmpty()) {
      o.println("  no stages evaluated: only inbox and active documents get stages");
    }
    for (Line l : r.lines()) {
      StringBuilder line = new StringBuilder("  " + l.stage() + ": " + l.outcome() + " - ");
      line.append(l.reason());
      if (l.outcome().equals(STARTED)) {
        line.append(" (stage ID: ").append(l.instanceId()).append(") - ").append(triggered(l));
      }
      o.println(line);
    }
    if (r.before() != r.after()) {
      o.println(
          "  Document status "
              + (dryRun ? "would change" : "changed")
              + ": "
              + r.before().folderName()
              + " → "
              + r.after().folderName()
              + " (has "
              + count(r.stages(), "stage")
              + ")");
    }
  }

  /** {@code 2 workflows triggered}, or {@code no workflows triggered} and why. */
  private static String triggered(Line l) {
    List<String> workflows = workflows(l.after());
    if (!workflows.isEmpty() && l.after().status() != StageStatus.SCHEDULED) {
      return count(workflows.size(), "workflow") + " triggered";
    }
    String none = "no workflows triggered";
    if (l.after() == null) {
      return none;
    }
    return switch (l.after().status()) {
      case DONE -> none + " (none to run: the stage is done)";
      case BLOCKED, CANCELLED -> none + " (" + l.after().status() + failure(l.after()) + ")";
      default -> none;
    };
  }

  @SuppressWarnings("unchecked")
  static List<String> workflows(StageInstance s) {
    if (s == null || !(s.get(StageEngine.WORKFLOWS) instanceof List<?> list)) {
      return List.of();
    }
    return ((List<Object>) list).stream().map(String::valueOf).toList();
  }

  private static String failure(StageInstance s) {
    return s.get(StageEngine.FAILURE) instanceof Map<?, ?> f && f.get("message") != null
        ? ": " + f.get("message")
        : "";
  }

  private void printSummary(List<Report> reports) {
    PrintWriter o = out();
    o.println();
    o.println("Summary:");
    o.println("  Documents evaluated: " + reports.size());
    o.println("  Stage evaluations: " + reports.stream().mapToInt(Report::checked).sum());
    long started = reports.stream().mapToLong(Report::started).sum();
    o.println((dryRun ? "  Stages to start: " : "  Stages started: ") + started);
    o.println("  Stages skipped: " + reports.stream().mapToLong(Report::skipped).sum());
  }

  private Map<String, Object> json(List<Report> reports, StageEngine engine) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dryRun", dryRun);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Report r : reports) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("statusBefore", r.before().folderName());
      m.put("statusAfter", r.after().folderName());
      List<Map<String, Object>> stages = new ArrayList<>();
      for (Line l : r.lines()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", l.stage());
        s.put(
            "outcome",
            switch (l.outcome()) {
              case STARTED -> "started";
              case WOULD_START -> "would_start";
              default -> "skipped";
            });
        s.put("reason", l.reason());
        if (l.outcome().equals(STARTED)) {
          s.put("stageId", l.instanceId());
          s.put("counter", l.counter());
          s.put("status", l.after() == null ? null : l.after().status().fileName());
          s.put("workflowId", l.after() == null ? null : l.after().get(StageEngine.WORKFLOW_ID));
          s.put("workflows", workflows(l.after()));
        }
        stages.add(s);
      }
      m.put("stages", stages);
      documents.add(m);
    }
    doc.put("documents", documents);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("documentsEvaluated", reports.size());
    summary.put("stageEvaluations", reports.stream().mapToInt(Report::checked).sum());
    summary.put("stagesStarted", reports.stream().mapToLong(Report::started).sum());
    summary.put("stagesSkipped", reports.stream().mapToLong(Report::skipped).sum());
    doc.put("summary", summary);
    doc.put("problems", StageList.problemsJson(engine.problems()));
    return doc;
  }
}
