package io.idflow.api.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import java.util.Objects;

/**
 * A workflow definition read from {@code workflows/<dir>/*.json}.
 *
 * @param name the JSON {@code name}
 * @param version the JSON {@code version}, 1 when absent
 * @param definition the JSON as written in the file (no field added); {@link #definition()} returns
 *     a copy
 * @param source the file
 * @param origin the origin of its {@code workflows/<dir>} folder
 */
public record LocalWorkflow(
    String name, int version, ObjectNode definition, ResourceFile source, Origin origin) {

  /** Validates the fields. */
  public LocalWorkflow {
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

  /** {@code <name> v<version>}, for messages. */
  public String label() {
    return name + " v" + version;
  }
}
