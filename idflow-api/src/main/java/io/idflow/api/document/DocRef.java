package io.idflow.api.document;

import io.idflow.api.value.internal.Names;
import io.idflow.api.value.internal.Values;
import java.util.Map;

/**
 * A reference from a document (or stage instance) to another document: pure metadata, the target is
 * not checked. Several references may share a key.
 *
 * @param key what the reference is for, e.g. {@code source}; letters, digits, {@code _ . -}
 * @param uuid the referenced document's id
 * @param data extra data about the reference (never null; an immutable copy)
 */
public record DocRef(String key, String uuid, Map<String, Object> data) {

  /**
   * Validates the key and id and copies the data.
   *
   * @throws IllegalArgumentException when the key or id is not valid, or the data holds values that
   *     cannot be stored
   */
  public DocRef {
    Names.requireKey("reference key", key);
    Names.requireId("referenced document id", uuid);
    data = Values.normalizeMap(data, "data of reference " + key);
  }

  /** A reference without data. */
  public DocRef(String key, String uuid) {
    this(key, uuid, Map.of());
  }
}
