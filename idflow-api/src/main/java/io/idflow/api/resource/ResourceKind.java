package io.idflow.api.resource;

/** The kinds of resources a base holds, each in a folder of its own name. */
public enum ResourceKind {
  /** {@code workflows/<dir>/*.json}: workflow definitions and {@code event_handlers.json}. */
  WORKFLOWS("workflows"),
  /** {@code tasks/<dir>/*.java}: task scripts (JBang). */
  TASKS("tasks"),
  /** {@code stages/*.yml}: stage definitions. */
  STAGES("stages");

  private final String folder;

  ResourceKind(String folder) {
    this.folder = folder;
  }

  /** The folder name below a base root, e.g. {@code workflows}. */
  public String folder() {
    return folder;
  }
}
