package io.idflow.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/** The three kinds of definitions idflow syncs, in the order they are applied. */
public enum DefinitionKind {
  /** Conductor task definitions, from annotated task methods. */
  TASK_DEF("taskDef", "task definition", "Task definitions"),
  /** Workflow definitions, from {@code workflows/<dir>/*.json}; identity is name and version. */
  WORKFLOW("workflow", "workflow", "Workflows"),
  /** Event handlers, from {@code event_handlers.json}; identity is the name. */
  EVENT_HANDLER("eventHandler", "event handler", "Event handlers");

  private final String json;
  private final String noun;
  private final String heading;

  DefinitionKind(String json, String noun, String heading) {
    this.json = json;
    this.noun = noun;
    this.heading = heading;
  }

  /** The name in JSON output: {@code taskDef}, {@code workflow}, {@code eventHandler}. */
  @JsonValue
  public String json() {
    return json;
  }

  /** The noun for messages, e.g. {@code task definition}. */
  public String noun() {
    return noun;
  }

  /** The heading of a text listing, e.g. {@code Task definitions}. */
  public String heading() {
    return heading;
  }
}
