package io.idflow.api.document;

import io.idflow.api.RefusedException;

/** A document with the given id exists already; nothing was written. */
public class DuplicateDocumentException extends RefusedException {

  private final String id;

  /**
   * Creates the exception.
   *
   * @param id the id that is taken
   */
  public DuplicateDocumentException(String id) {
    super("document " + id + " exists already");
    this.id = id;
  }

  /** The id that is taken. */
  public String id() {
    return id;
  }
}
