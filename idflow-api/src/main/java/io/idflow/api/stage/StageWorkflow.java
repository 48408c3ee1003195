package io.idflow.api.stage;

import io.idflow.api.value.internal.Values;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a stage's {@code workflows}: a Conductor workflow to run when the stage starts.
 * Immutable. The YAML keys {@code correlationId} and {@code correlation_id} are accepted and
 * ignored: the stage engine sets the correlation id itself.
 *
 * @param name the Conductor workflow name; required
 * @param version the workflow version, or null for the version the local definitions hold
 * @param when a JavaScript boolean condition over {@code doc}, or null for "always" ({@code true})
 * @param inputs extra input for the workflow; never null (empty by default), an immutable copy
 *     normalised as document properties are
 */
public record StageWorkflow(String name, Integer version, String when, Map<String, Object> inputs) {

  /**
   * Validates the fields and copies the inputs.
   *
   * @throws IllegalArgumentException when the name is blank, the version is below 1, the condition
   *     is blank, or an input value has a type documents cannot hold
   */
  public StageWorkflow {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (version != null && version < 1) {
      throw new IllegalArgumentException("version must be 1 or more, not " + version);
    }
    if (when != null && when.isBlank()) {
      throw new IllegalArgumentException("when must not be blank (leave it out for 'always')");
    }
    inputs = Values.normalizeMap(inputs, "inputs");
  }

  /** A workflow with no version, no condition and no inputs. */
  public static StageWorkflow named(String name) {
    return new StageWorkflow(name, null, null, Map.of());
  }

  /** Whether the workflow has a {@code when} condition (else it always runs). */
  public boolean conditional() {
    return when != null;
  }
}
