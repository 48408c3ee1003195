package io.idflow.api.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import java.util.Objects;

/**
 * A Conductor event handler read from a {@code workflows/<dir>/event_handlers.json} file (a JSON
 * array of handlers, or a single handler object).
 *
 * @param name the handler's {@code name}, its identity in Conductor
 * @param definition the handler's JSON as written; {@link #definition()} returns a copy
 * @param source the file
 * @param origin the origin of its {@code workflows/<dir>} folder
 */
public record LocalEventHandler(
    String name, ObjectNode definition, ResourceFile source, Origin origin) {

  /** Validates the fields. */
  public LocalEventHandler {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    definition = definition.deepCopy();
  }

  /** A copy of the definition. */
  @Override
  public ObjectNode definition() {
    return definition.deepCopy();
  }
}
