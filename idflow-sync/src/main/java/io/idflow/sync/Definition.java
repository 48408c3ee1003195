package io.idflow.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.resource.Origin;
import java.util.Objects;

/**
 * One local definition as it is uploaded.
 *
 * @param kind task definition, workflow or event handler
 * @param name its name
 * @param version the workflow version; null for the other kinds
 * @param json the JSON sent to Conductor; {@link #json()} returns a copy
 * @param source where it was declared: a file as its base names it, or a class
 * @param origin standard, extended, vendor or custom
 */
public record Definition(
    DefinitionKind kind,
    String name,
    Integer version,
    ObjectNode json,
    String source,
    Origin origin) {

  /** Validates the fields. */
  public Definition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    if ((kind == DefinitionKind.WORKFLOW) != (version != null)) {
      throw new IllegalArgumentException("a version is required for workflows and only for them");
    }
    json = json.deepCopy();
  }

  /** A copy of the JSON. */
  @Override
  public ObjectNode json() {
    return json.deepCopy();
  }

  /** The JSON itself, for this package's read-only use (no copy of thousands of definitions). */
  ObjectNode jsonView() {
    return json;
  }

  /** The identity within its kind: the name, plus the version for workflows. */
  public String key() {
    return key(name, version);
  }

  /** {@code name} or {@code name v<version>}, for messages. */
  public String label() {
    return label(name, version);
  }

  static String key(String name, Integer version) {
    return version == null ? name : name + "\u0000" + version;
  }

  static String label(String name, Integer version) {
    return version == null ? name : name + " v" + version;
  }
}
