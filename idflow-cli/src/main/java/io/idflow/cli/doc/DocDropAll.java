package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentCorruptException;
import io.idflow.api.document.DocumentNotFoundException;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.cli.SafetyMixin;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow doc drop-all}: deletes every document, or every document of one status. */
@Command(
    name = "drop-all",
    description = {
      "Delete every document with a status (default: all documents), after asking.",
      "Documents that cannot be read are left alone (with a warning)."
    })
public class DocDropAll extends DocStoreCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "STATUS",
      defaultValue = "all",
      description = "inbox, active, done, blocked, archived or all (default: ${DEFAULT-VALUE}).")
  String status;

  @Mixin SafetyMixin safety;

  @Override
  protected ExitCode execute() {
    boolean all = status.strip().equalsIgnoreCase("all");
    Set<DocumentStatus> statuses;
    try {
      statuses = all ? Set.of() : Set.of(DocumentStatus.of(status));
    } catch (IllegalArgumentException e) {
      throw IdflowException.usage(
          "invalid status '"
              + status
              + "': must be one of "
              + String.join(", ", DocumentStatus.names())
              + ", all");
    }
    String label = all ? "all" : statuses.iterator().next().folderName();
    try (DocumentStore store = openStore()) {
      DocumentQuery query =
          DocumentQuery.all()
              .withStatuses(statuses)
              .onCorrupt(e -> warn("left alone: " + e.getMessage()));
      List<String> ids;
      try (Stream<Document> docs = store.where(query)) {
        ids = docs.map(Document::id).toList();
      }
      if (ids.isEmpty()) {
        info("nothing to delete");
        return ExitCode.OK;
      }
      if (safety.dryRun()) {
        ids.forEach(out()::println);
        info("dry run: would delete " + ids.size() + " documents with status '" + label + "'");
        return ExitCode.OK;
      }
      if (!safety.force()) {
        safety.requireConfirmation(
            ctx(), "Really delete ALL (" + ids.size() + ") documents with status '" + label + "'?");
      }
      int deleted = 0;
      for (String id : ids) {
        try {
          store.destroy(id);
          deleted++;
        } catch (DocumentNotFoundException gone) {
          // deleted by someone else meanwhile
        } catch (DocumentCorruptException e) {
          warn("left alone: " + e.getMessage());
        }
      }
      info("deleted " + deleted + " docs");
    }
    return ExitCode.OK;
  }
}
