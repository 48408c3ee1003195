package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.cli.ConnectionMixin;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow doc modify}: changes a document's properties, body, references and files. */
@Command(
    name = "modify",
    description = {
      "Change a document. The document is locked, read, changed and written atomically, so",
      "concurrent changes are not lost. Empty stdin never clears the body."
    })
public class DocModify extends DocStoreCommand {

  @Mixin ConnectionMixin connection;

  @Parameters(index = "0", paramLabel = "ID", description = "The document's id.")
  String id;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "BODY",
      description =
          "A new body; '-' reads it from stdin. Without BODY, stdin replaces the body when it is"
              + " not a terminal and holds text; otherwise the body stays.")
  String body;

  @Mixin DocChangeMixin changes;

  @Override
  protected ExitCode execute() {
    String docId = documentId(id);
    Consumer<Document> change = changes.prepare(ctx().workingDir());
    Optional<String> newBody = body(body);
    try (DocumentStore store = openStore()) {
      store.update(
          docId,
          doc -> {
            change.accept(doc);
            newBody.ifPresent(doc::setBody);
          });
    }
    info("Document " + docId + " modified successfully.");
    return ExitCode.OK;
  }
}
