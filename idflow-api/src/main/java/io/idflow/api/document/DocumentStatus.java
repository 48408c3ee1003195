package io.idflow.api.document;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The status of a document. The declaration order is the order in which listings sort documents:
 * {@code inbox, active, done, blocked, archived}.
 *
 * <p>The filesystem store keeps a document in the folder named after its status ({@code
 * <base>/inbox/<id>/}); changing the status moves the folder.
 */
public enum DocumentStatus {
  /** New documents; stages are evaluated for them. */
  INBOX,
  /** Documents with at least one stage; stages are evaluated for them. */
  ACTIVE,
  /** Finished documents. */
  DONE,
  /** Documents that wait for something outside idflow. */
  BLOCKED,
  /** Documents kept for reference only. */
  ARCHIVED;

  private static final DocumentStatus[] VALUES = values();

  private final String folderName = name().toLowerCase(Locale.ROOT);

  private static final List<String> NAMES =
      Arrays.stream(values()).map(DocumentStatus::folderName).collect(Collectors.toList());

  /**
   * The lower-case name used in files, folder names and on the command line, e.g. {@code inbox}.
   */
  public String folderName() {
    return folderName;
  }

  @Override
  public String toString() {
    return folderName();
  }

  /** Every status's lower-case name, in sort order. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The status with this name (case-insensitive, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the valid statuses when the name is not one of them
   */
  public static DocumentStatus of(String name) {
    for (DocumentStatus s : VALUES) {
      if (s.folderName.equals(name)) {
        return s; // the common case, without allocating
      }
    }
    if (name != null) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (DocumentStatus s : values()) {
        if (s.folderName().equals(n)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "invalid document status '"
            + io.idflow.api.text.Printable.escape(name)
            + "': must be one of "
            + String.join(", ", NAMES));
  }
}
