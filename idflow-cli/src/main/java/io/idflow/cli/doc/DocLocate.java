package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.document.DocumentNotFoundException;
import io.idflow.api.document.DocumentStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idflow doc locate}: prints where a document's file is. */
@Command(
    name = "locate",
    description = {
      "Print the path of a document's doc.md (relative to the working directory when below it).",
      "Works for documents that cannot be read, too."
    })
public class DocLocate extends DocStoreCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The document's id.")
  String id;

  @Override
  protected ExitCode execute() {
    String docId = documentId(id);
    try (DocumentStore store = openStore()) {
      Path path = store.locate(docId).orElseThrow(() -> new DocumentNotFoundException(docId));
      out().println(display(path));
    }
    return ExitCode.OK;
  }
}
