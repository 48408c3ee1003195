package io.idflow.conductor.task;

import io.idflow.api.resource.Origin;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a discovered task was declared.
 *
 * @param kind a class on the class path, or a task script under {@code tasks/}
 * @param location for messages: the class name ({@code io.acme.Workers}) or the script as its base
 *     names it ({@code tasks/echo/Echo.java}, {@code core:tasks/echo/Echo.java})
 * @param origin {@link Origin#STANDARD} for the class path; the task folder's origin for scripts
 * @param taskDirectory for scripts, the name of the {@code tasks/<name>} folder; null otherwise
 * @param file for scripts, the file JBang compiled (core scripts are first extracted from their
 *     jar); null otherwise
 */
public record TaskSource(
    Kind kind, String location, Origin origin, String taskDirectory, Path file) {

  /** How the task reached the JVM. */
  public enum Kind {
    /** An annotated method of a class on the caller's class path. */
    CLASS_PATH,
    /** An annotated method of a JBang script in {@code tasks/<name>/}. */
    SCRIPT
  }

  /** Validates the fields. */
  public TaskSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(origin, "origin");
    if (kind == Kind.SCRIPT && (taskDirectory == null || file == null)) {
      throw new IllegalArgumentException("a script source needs its task directory and file");
    }
  }

  /** The script file, for scripts. */
  public Optional<Path> scriptFile() {
    return Optional.ofNullable(file);
  }

  @Override
  public String toString() {
    return location;
  }
}
