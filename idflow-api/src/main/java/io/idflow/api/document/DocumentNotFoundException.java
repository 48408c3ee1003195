package io.idflow.api.document;

import io.idflow.api.InvalidRequestException;

/**
 * No document has the given id. On the command line this is a usage error (exit code 2): the
 * argument names nothing, as a mistyped id would.
 */
public class DocumentNotFoundException extends InvalidRequestException {

  private final String id;

  /** An exception for this id. */
  public DocumentNotFoundException(String id) {
    super("document not found: " + id);
    this.id = id;
  }

  /** The id that was looked for. */
  public String id() {
    return id;
  }
}
