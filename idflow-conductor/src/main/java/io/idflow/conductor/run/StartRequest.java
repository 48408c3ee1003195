package io.idflow.conductor.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: a workflow by name, optionally a version (default: the latest), its input
 * (default: empty) and a correlation id (default: none).
 *
 * @param name the workflow's name, not blank
 * @param version the version, or null for the latest
 * @param input the workflow's input, copied; null means empty
 * @param correlationId a caller's id that search can find the run by, or null
 */
public record StartRequest(
    String name, Integer version, Map<String, Object> input, String correlationId) {

  /** Validates the fields. */
  public StartRequest {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    if (version != null && version < 1) {
      throw new IllegalArgumentException("version: must be 1 or more, was " + version);
    }
    input =
        input == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(input));
  }

  /** The latest version of a workflow, with no input. */
  public static StartRequest of(String name) {
    return new StartRequest(name, null, Map.of(), null);
  }

  /** The same request with this version (null: the latest). */
  public StartRequest withVersion(Integer version) {
    return new StartRequest(name, version, input, correlationId);
  }

  /** The same request with this input. */
  public StartRequest withInput(Map<String, Object> input) {
    return new StartRequest(name, version, input, correlationId);
  }

  /** The same request with this correlation id. */
  public StartRequest withCorrelationId(String correlationId) {
    return new StartRequest(name, version, input, correlationId);
  }
}
