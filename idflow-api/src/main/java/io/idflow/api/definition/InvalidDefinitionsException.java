package io.idflow.api.definition;

import io.idflow.api.InvalidContentException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Local definitions are invalid (exit code 5). Carries every problem found, so a command can print
 * each on its own line; the message names them all on one line.
 */
public class InvalidDefinitionsException extends InvalidContentException {

  private final List<DefinitionProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems at least one problem
   */
  public InvalidDefinitionsException(List<DefinitionProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<DefinitionProblem> problems() {
    return problems;
  }

  private static String message(List<DefinitionProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    if (problems.size() == 1) {
      return "invalid definition: " + problems.get(0);
    }
    return problems.size()
        + " invalid definitions: "
        + problems.stream().map(DefinitionProblem::toString).collect(Collectors.joining("; "));
  }
}
