package io.idflow.worker.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a running runner process records about itself in {@code <project>/.idflow/run/}: enough for
 * {@code worker ps}, {@code stop}, {@code killall}, {@code pause} and {@code resume} to find and
 * reach it. Stored as JSON, readable only by its owner (it holds the control token).
 *
 * @param name the runner's name ({@code all}, a task name, or {@code --name})
 * @param pid the process id
 * @param startedAt when the process started (tells a live runner from a reused pid)
 * @param workers the task types it runs
 * @param controlPort the loopback port of its control endpoint
 * @param token the secret the control endpoint requires
 * @param healthPort the port of {@code /health} and {@code /metrics}, or null when off
 * @param logFile the log of a detached runner, or null
 */
public record RunFile(
    String name,
    long pid,
    Instant startedAt,
    List<String> workers,
    int controlPort,
    String token,
    Integer healthPort,
    Path logFile) {

  /** Validates the fields. */
  public RunFile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive");
    }
    Objects.requireNonNull(startedAt, "startedAt");
    workers = List.copyOf(workers);
    Objects.requireNonNull(token, "token");
  }

  /** Whether {@code nameOrTask} is this runner's name or one of its task types. */
  public boolean matches(String nameOrTask) {
    return name.equals(nameOrTask) || workers.contains(nameOrTask);
  }

  /**
   * Whether a case-insensitive substring of the runner's name or of one of its task types is {@code
   * pattern}; an empty or null pattern matches every runner.
   */
  public boolean matchesPattern(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return true;
    }
    String p = pattern.toLowerCase(Locale.ROOT);
    if (name.toLowerCase(Locale.ROOT).contains(p)) {
      return true;
    }
    return workers.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains(p));
  }
}
