package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.FileRef;
import io.idflow.api.document.StageInstance;
import io.idflow.api.value.internal.Values;
import io.idflow.cli.OutputMixin;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow doc show}: prints one document. */
@Command(
    name = "show",
    description = {
      "Print a document: status, file, properties, references, files, stages and body.",
      "A document that cannot be read is an error (exit 5) naming its file."
    })
public class DocShow extends DocStoreCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The document's id.")
  String id;

  @Mixin OutputMixin output;

  @Override
  protected ExitCode execute() {
    String docId = documentId(id);
    Document doc;
    try (DocumentStore store = openStore()) {
      doc = store.get(docId);
    }
    if (output.json()) {
      OutputMixin.printJson(out(), DocJson.full(doc));
      return ExitCode.OK;
    }
    PrintWriter o = out();
    o.println("Document: " + doc.id());
    o.println("Status: " + doc.status());
    o.println("File: " + doc.path().map(this::display).orElse(""));
    o.println("-".repeat(50));
    o.println("Properties:");
    for (Map.Entry<String, Object> e : doc.properties().entrySet()) {
      o.println("  " + e.getKey() + ": " + Values.display(e.getValue()));
    }
    if (!doc.docRefs().isEmpty()) {
      o.println();
      o.println("Document References:");
      for (DocRef r : doc.docRefs()) {
        o.println("  " + r.key() + ": " + r.uuid());
        data(o, r.data());
      }
    }
    if (!doc.fileRefs().isEmpty()) {
      o.println();
      o.println("File References:");
      for (FileRef r : doc.fileRefs()) {
        o.println("  " + r.key() + ": " + r.filename() + " (" + r.uuid() + ")");
        data(o, r.data());
      }
    }
    if (!doc.stages().isEmpty()) {
      o.println();
      o.println("Stages:");
      for (StageInstance s : doc.stages()) {
        o.println("  " + s.name() + " #" + s.counter() + ": " + s.status() + " (" + s.id() + ")");
      }
    }
    if (!doc.body().isEmpty()) {
      o.println();
      o.println("Body:");
      o.println("-".repeat(30));
      o.println(doc.body());
    }
    return ExitCode.OK;
  }

  private static void data(PrintWriter o, Map<String, Object> data) {
    if (!data.isEmpty()) {
      o.println("    data: " + Values.display(data));
    }
  }
}
