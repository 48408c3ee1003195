package io.idflow.cli.stage;

import io.idflow.api.ExitCode;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.StageInstance;
import io.idflow.cli.ConnectionMixin;
import io.idflow.stage.StageEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idflow stage cancel}. */
@Command(
    name = "cancel",
    description = {
      "Cancel the scheduled or active instance of a stage on a document: terminate its stage"
          + " workflow on Conductor (if it started) and mark it cancelled.",
      "A stage that is not running is a usage error (exit 2); when its run cannot be terminated"
          + " (Conductor unreachable, exit 4) the instance is left as it is."
    })
public class StageCancel extends StageStoreCommand {

  @Mixin ConnectionMixin connection;

  @Parameters(index = "0", paramLabel = "DOC", description = "The document's id.")
  String doc;

  @Parameters(index = "1", paramLabel = "STAGE", description = "The stage's name.")
  String stage;

  @Override
  protected ExitCode execute() {
    String docId = documentId(doc);
    try (StageEngine engine = engine();
        DocumentStore store = openStore()) {
      StageInstance cancelled = engine.cancel(store, docId, stage);
      Object workflowId = cancelled.get(StageEngine.WORKFLOW_ID);
      info(
          "cancelled stage "
              + StageRun.label(cancelled)
              + (workflowId == null
                  ? " (it had not started)"
                  : " and terminated its stage workflow " + workflowId));
    }
    return ExitCode.OK;
  }
}
