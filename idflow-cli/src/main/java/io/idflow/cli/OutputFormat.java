package io.idflow.cli;

/** What {@code --output} accepts. */
public enum OutputFormat {
  /** Human-readable text. */
  text,
  /** One JSON document: the stable, scriptable contract. */
  json
}
