package io.idflow.cli.doc;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.cli.ConnectionMixin;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idflow doc add}: creates a document and prints its id. */
@Command(
    name = "add",
    description = {
      "Create a document and print its new id (as the last line of stdout).",
      "Stage evaluation (when installed) runs on the new document; its warnings go to stderr."
    })
public class DocAdd extends DocStoreCommand {

  @Mixin ConnectionMixin connection;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "BODY",
      description =
          "The Markdown body; '-' reads it from stdin. Without BODY, stdin is read when it is not"
              + " a terminal.")
  String body;

  @Option(
      names = {"-s", "--status"},
      paramLabel = "STATUS",
      defaultValue = "inbox",
      description = "inbox, active, done, blocked or archived (default: ${DEFAULT-VALUE}).")
  String status;

  @Mixin DocChangeMixin changes;

  @Override
  protected ExitCode execute() {
    Document draft = Document.create().setStatus(status(status));
    Consumer<Document> change = changes.prepare(ctx().workingDir());
    change.accept(draft);
    body(body).ifPresent(draft::setBody);
    try (DocumentStore store = openStore()) {
      Document stored = store.create(draft);
      out().println(stored.id());
    } catch (IllegalArgumentException e) {
      throw IdflowException.usage(e.getMessage());
    }
    return ExitCode.OK;
  }
}
