package io.idflow.api.document;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The status of a stage instance; a different set from {@link DocumentStatus}. */
public enum StageStatus {
  /** Created, waiting for its requirements; not started yet. */
  SCHEDULED,
  /** Started: its workflows run. */
  ACTIVE,
  /** Its workflows finished. */
  DONE,
  /** Stopped because its document was blocked. */
  BLOCKED,
  /** Will not run (any more). */
  CANCELLED;

  private static final List<String> NAMES =
      Arrays.stream(values()).map(StageStatus::fileName).collect(Collectors.toList());

  /** The lower-case name used in {@code stage.md}, e.g. {@code scheduled}. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return fileName();
  }

  /** Every status's lower-case name. */
  public static List<String> names() {
    return NAMES;
  }

  /** Whether the stage still runs or waits to run ({@code scheduled} or {@code active}). */
  public boolean isOpen() {
    return this == SCHEDULED || this == ACTIVE;
  }

  /**
   * The status with this name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid statuses when the name is not one of them
   */
  public static StageStatus of(String name) {
    if (name != null) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (StageStatus s : values()) {
        if (s.fileName().equals(n)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "invalid stage status '" + name + "': must be one of " + String.join(", ", NAMES));
  }
}
