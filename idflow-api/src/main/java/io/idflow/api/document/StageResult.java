package io.idflow.api.document;

import io.idflow.api.value.internal.Values;
import java.util.Map;

/**
 * A result stored with a stage instance, such as the outcome of one of the stage's sub-workflows:
 * frontmatter properties and a Markdown body, kept in {@code <name>.md} in the stage's folder.
 *
 * @param properties the frontmatter (never null; an immutable copy)
 * @param body the Markdown body (never null; leading blank lines and trailing blanks removed)
 */
public record StageResult(Map<String, Object> properties, String body) {

  /**
   * Copies the properties and normalises the body.
   *
   * @throws IllegalArgumentException when a property holds a value that cannot be stored
   */
  public StageResult {
    properties = Values.normalizeMap(properties, "result property");
    body = Values.normalizeBody(body);
  }
}
