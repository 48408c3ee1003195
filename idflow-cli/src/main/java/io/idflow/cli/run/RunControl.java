package io.idflow.cli.run;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.cli.ExitCodes;
import io.idflow.conductor.run.Runs;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * Base of the commands that act on runs by id: each id in turn; a failure is reported on its own
 * line and the others go on; the exit code is the first failure's.
 */
abstract class RunControl extends RunsCommand {

  @Parameters(paramLabel = "ID", arity = "1..*", description = "The runs' ids.")
  List<String> ids;

  /** What was done, in the past tense: {@code paused}. */
  protected abstract String done();

  /** Does it to one run. */
  protected abstract void apply(Runs runs, String id);

  /** Called once before the first id, e.g. to confirm. Returns false to stop with exit 0. */
  protected boolean before() {
    return true;
  }

  @Override
  protected ExitCode execute() {
    if (!before()) {
      return ExitCode.OK;
    }
    ExitCode first = ExitCode.OK;
    for (String id : ids) {
      try {
        apply(runs(), id);
        out().println(id);
        out().flush();
        info(done() + " run " + id);
      } catch (IdflowException e) {
        if (ids.size() == 1) {
          throw e;
        }
        err().println("error: " + e.getMessage());
        err().flush();
        if (first == ExitCode.OK) {
          first = ExitCodes.of(e);
        }
      }
    }
    return first;
  }
}
