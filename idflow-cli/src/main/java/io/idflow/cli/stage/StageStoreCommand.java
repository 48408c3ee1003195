package io.idflow.cli.stage;

import io.idflow.api.IdflowException;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageStatus;
import io.idflow.api.value.internal.Names;
import io.idflow.cli.IdflowCommand;
import io.idflow.cli.ProjectMixin;
import io.idflow.stage.StageChange;
import io.idflow.stage.StageEngine;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Mixin;

/**
 * Base of the {@code stage} commands: the project's stage engine, the configured document store
 * (whose stage listener starts what the commands schedule), document ids, and the stage definition
 * problems, each said once.
 */
abstract class StageStoreCommand extends IdflowCommand {

  /**
   * The prefix of the warning for a definition problem; the store's stage listener words it the
   * same way, so that {@link #warnOnce} says it once.
   */
  static final String PROBLEM = "stage definition skipped: ";

  @Mixin ProjectMixin project;

  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** The project's stage engine; close it when done. */
  protected StageEngine engine() {
    return StageEngine.forConfig(config());
  }

  /**
   * Opens the configured store; its warnings (and those of its stage listener) go to stderr, each
   * once. Close it when done.
   */
  protected DocumentStore openStore() {
    return DocumentStores.open(
        config(), DocumentStores.Options.defaults().withWarnings(this::warnOnce));
  }

  /** Prints a warning unless the same one was printed before by this command. */
  protected void warnOnce(String message) {
    if (warned.add(message)) {
      warn(message);
    }
  }

  /**
   * Ends the document's active instances whose run has ended on Conductor without recording it
   * ({@link StageEngine#reconcile}), saying each on stderr. Best effort: when Conductor cannot be
   * asked, one warning and nothing changes.
   *
   * @return whether an instance changed
   */
  protected boolean reconcile(StageEngine engine, DocumentStore store, String documentId) {
    List<StageChange> changes;
    try {
      changes = engine.reconcile(store, documentId);
    } catch (IdflowException e) {
      warnOnce("could not check the runs of active stages on Conductor: " + e.getMessage());
      return false;
    }
    for (StageChange c : changes) {
      warn(
          "stage "
              + c.stage()
              + " ("
              + c.counter()
              + ") of document "
              + documentId
              + ": its run on Conductor had ended; now "
              + c.to());
    }
    return !changes.isEmpty();
  }

  /** Whether the document has an active instance with a run on Conductor. */
  protected static boolean hasActiveRun(Document document) {
    return document.stages().stream()
        .anyMatch(s -> s.status() == StageStatus.ACTIVE && s.get(StageEngine.WORKFLOW_ID) != null);
  }

  /** Warns about each definition problem, one per line. */
  protected void warnProblems(List<DefinitionProblem> problems) {
    problems.forEach(p -> warnOnce(PROBLEM + p));
  }

  /**
   * Ends the command with {@link io.idflow.api.ExitCode#INVALID_DEFINITIONS} when there were
   * definition problems (warned about before).
   */
  protected static void failOnProblems(List<DefinitionProblem> problems) {
    if (!problems.isEmpty()) {
      throw IdflowException.invalid(
          problems.size()
              + (problems.size() == 1
                  ? " stage definition is invalid and was left out"
                  : " stage definitions are invalid and were left out")
              + " (see the warnings above)");
    }
  }

  /**
   * A document id from the command line.
   *
   * @throws IdflowException ({@link io.idflow.api.ExitCode#USAGE}) when it cannot be an id
   */
  protected static String documentId(String id) {
    if (!Names.isId(id)) {
      throw IdflowException.usage(
          "invalid document id '"
              + io.idflow.api.text.Printable.escape(id)
              + "': ids consist of letters, digits, '_', '.' and '-' (see 'idflow doc list')");
    }
    return id;
  }

  /** {@code 1 workflow}, {@code 2 workflows}. */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
