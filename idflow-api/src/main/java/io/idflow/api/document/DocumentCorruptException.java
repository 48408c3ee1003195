package io.idflow.api.document;

import io.idflow.api.InvalidContentException;
import java.nio.file.Path;

/**
 * A stored document cannot be read: its Markdown file (or one of its stage files) is not valid.
 * Exit code 5. Stores never overwrite such a file; listings skip the document and report it.
 */
public class DocumentCorruptException extends InvalidContentException {

  private final Path file;
  private final String reason;

  /**
   * An exception for a file.
   *
   * @param file the file that cannot be read
   * @param reason what is wrong with it, one line
   */
  public DocumentCorruptException(Path file, String reason) {
    super("corrupt document " + file + ": " + reason);
    this.file = file;
    this.reason = reason;
  }

  /** The file that cannot be read. */
  public Path file() {
    return file;
  }

  /** What is wrong with it. */
  public String reason() {
    return reason;
  }
}
