package io.idflow.cli.run;

import io.idflow.api.IdflowException;
import io.idflow.conductor.run.Runs;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idflow workflow rerun}. */
@Command(
    name = "rerun",
    description = {
      "Rerun ended runs from their first task, with their input or a new one; each keeps its id.",
      "Prints each id it reran on stdout; a run that has not ended is refused (exit 6)."
    })
public class WorkflowRerun extends RunControl {

  @Option(
      names = "--input-file",
      paramLabel = "FILE",
      description = "New input as a JSON object from a file, or from stdin with '-'.")
  String inputFile;

  private Map<String, Object> input;

  @Override
  protected boolean before() {
    if (inputFile != null) {
      input = readJsonFile(inputFile, "input");
    }
    return true;
  }

  @Override
  protected String done() {
    return "reran";
  }

  @Override
  protected void apply(Runs runs, String id) {
    String again = runs.rerun(id, input);
    if (!again.equals(id)) {
      throw new IdflowException("Conductor reran " + id + " as " + again);
    }
  }
}
