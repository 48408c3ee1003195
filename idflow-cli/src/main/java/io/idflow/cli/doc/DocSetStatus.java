package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.cli.ConnectionMixin;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow doc set-status}: moves a document to another status. */
@Command(
    name = "set-status",
    description = {
      "Change a document's status, which moves its folder. Any status may follow any other."
    })
public class DocSetStatus extends DocStoreCommand {

  @Mixin ConnectionMixin connection;

  @Parameters(index = "0", paramLabel = "ID", description = "The document's id.")
  String id;

  @Parameters(
      index = "1",
      paramLabel = "STATUS",
      description = "inbox, active, done, blocked or archived.")
  String status;

  @Override
  protected ExitCode execute() {
    DocumentStatus target = status(status);
    String docId = documentId(id);
    AtomicReference<DocumentStatus> old = new AtomicReference<>();
    try (DocumentStore store = openStore()) {
      store.update(
          docId,
          doc -> {
            old.set(doc.status());
            doc.setStatus(target);
          });
    }
    info("switched state of " + docId + " from " + old.get() + " to " + target);
    return ExitCode.OK;
  }
}
