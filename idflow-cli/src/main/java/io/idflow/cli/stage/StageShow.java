package io.idflow.cli.stage;

import io.idflow.api.ExitCode;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.cli.ConnectionMixin;
import io.idflow.cli.OutputMixin;
import io.idflow.stage.StageEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow stage show}. */
@Command(
    name = "show",
    description = {
      "Print every stage instance of a document: name, counter, status, the stage workflow's id,"
          + " the workflows it ran and skipped, its results and why it failed.",
      "An active instance whose run has ended on Conductor without recording it (terminated by"
          + " an operator or the server) is ended first, as its run ended, and said on stderr."
    })
public class StageShow extends StageStoreCommand {

  @Parameters(index = "0", paramLabel = "DOC", description = "The document's id.")
  String doc;

  @Mixin OutputMixin output;
  @Mixin ConnectionMixin connection;

  @Override
  protected ExitCode execute() {
    String docId = documentId(doc);
    Document d;
    try (DocumentStore store = openStore()) {
      d = store.get(docId);
      if (hasActiveRun(d)) {
        try (StageEngine engine = engine()) {
          if (reconcile(engine, store, docId)) {
            d = store.get(docId);
          }
        }
      }
    }
    if (output.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("document", d.id());
      m.put("status", d.status().folderName());
      m.put("stages", d.stages().stream().map(StageShow::json).toList());
      OutputMixin.printJson(out(), m);
      return ExitCode.OK;
    }
    if (d.stages().isEmpty()) {
      info("Document " + docId + " (status: " + d.status() + ") has no stages");
      return ExitCode.OK;
    }
    PrintWriter o = out();
    o.println("Document " + d.id() + " (status: " + d.status() + "):");
    for (StageInstance s : d.stages()) {
      o.println();
      o.println(s.name() + " #" + s.counter() + ": " + s.status());
      o.println("  id: " + s.id());
      Object workflowId = s.get(StageEngine.WORKFLOW_ID);
      o.println("  stage workflow: " + (workflowId == null ? "-" : workflowId));
      List<String> ran = StageEvaluate.workflows(s);
      o.println("  workflows: " + (ran.isEmpty() ? "-" : String.join(", ", ran)));
      List<String> skipped = skipped(s);
      if (!skipped.isEmpty()) {
        o.println("  skipped (when was false): " + String.join(", ", skipped));
      }
      if (!s.results().isEmpty()) {
        List<String> results = new ArrayList<>();
        s.results()
            .forEach((name, r) -> results.add(name + title(r).map(t -> " (" + t + ")").orElse("")));
        o.println("  results: " + String.join(", ", results));
      }
      String failure = StageRun.failure(s);
      if (!failure.isEmpty()) {
        o.println("  failure" + failure);
      }
    }
    return ExitCode.OK;
  }

  private static Optional<String> title(StageResult r) {
    Object t = r.properties().get("title");
    return t == null ? Optional.empty() : Optional.of(t.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<String> skipped(StageInstance s) {
    if (!(s.get(StageEngine.SKIPPED_WORKFLOWS) instanceof List<?> list)) {
      return List.of();
    }
    return ((List<Object>) list).stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> json(StageInstance s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("counter", s.counter());
    m.put("id", s.id());
    m.put("status", s.status().fileName());
    m.put("workflowId", s.get(StageEngine.WORKFLOW_ID));
    m.put("workflows", StageEvaluate.workflows(s));
    m.put("skippedWorkflows", skipped(s));
    List<Map<String, Object>> results = new ArrayList<>();
    s.results()
        .forEach(
            (name, r) -> {
              Map<String, Object> rm = new LinkedHashMap<>();
              rm.put("name", name);
              rm.put("title", title(r).orElse(null));
              results.add(rm);
            });
    m.put("results", results);
    m.put("failure", s.get(StageEngine.FAILURE));
    return m;
  }
}
