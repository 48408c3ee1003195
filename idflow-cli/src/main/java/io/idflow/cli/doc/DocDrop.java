package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.document.DocumentStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idflow doc drop}: deletes documents. */
@Command(
    name = "drop",
    description = {
      "Delete documents with everything in their folders (attachments, stages).",
      "Every id is checked first: when one is unknown or unreadable, nothing is deleted."
    })
public class DocDrop extends DocStoreCommand {

  @Parameters(arity = "1..*", paramLabel = "ID", description = "The documents' ids.")
  List<String> ids;

  @Override
  protected ExitCode execute() {
    Set<String> docIds = new LinkedHashSet<>();
    ids.forEach(i -> docIds.add(documentId(i)));
    try (DocumentStore store = openStore()) {
      for (String id : docIds) {
        store.get(id);
      }
      for (String id : docIds) {
        store.destroy(id);
        info("deleted " + id);
      }
    }
    return ExitCode.OK;
  }
}
