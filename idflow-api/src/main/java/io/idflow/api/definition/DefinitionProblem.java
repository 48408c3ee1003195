package io.idflow.api.definition;

import java.util.Objects;

/**
 * One thing wrong with a local definition: which file, where in it, and why.
 *
 * @param source the file as its base names it ({@code workflows/demo/demo.json}) or, for task
 *     methods, the class or script
 * @param path where in the file: a JSON path such as {@code $.tasks[2].forkTasks[0][1].name}, or
 *     {@code $} for the whole file; for task methods the method ({@code Echo#echo})
 * @param reason what is wrong, one line
 */
public record DefinitionProblem(String source, String path, String reason) {

  /** Validates the fields. */
  public DefinitionProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }

  /** {@code <source>: <path>: <reason>}. */
  @Override
  public String toString() {
    return source + ": " + path + ": " + reason;
  }
}
