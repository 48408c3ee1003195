package io.idflow.api.extras;

import io.idflow.api.resource.Origin;
import java.util.List;
import java.util.Objects;

/**
 * A named group of Maven artifacts that stages can require ({@code requirements: {extras:
 * [name]}}).
 *
 * @param name the extra's name
 * @param artifacts its own coordinates ({@code group:artifact:version[:type[:classifier]]}), in
 *     order
 * @param extendsNames extras whose artifacts come first
 * @param origin where the name is defined: vendor, project (custom) or both (extended)
 * @param source the file of the effective definition, for messages
 */
public record Extra(
    String name, List<String> artifacts, List<String> extendsNames, Origin origin, String source) {

  /** Validates the fields. */
  public Extra {
    Objects.requireNonNull(name, "name");
    artifacts = List.copyOf(artifacts);
    extendsNames = List.copyOf(extendsNames);
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(source, "source");
  }
}
