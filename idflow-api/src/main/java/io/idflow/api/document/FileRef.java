package io.idflow.api.document;

import io.idflow.api.value.internal.Names;
import io.idflow.api.value.internal.Values;
import java.util.Map;

/**
 * A file attached to a document (or stage instance). The file is stored next to the document's
 * Markdown file under the name {@code uuid}; {@code filename} is the name it had when it was
 * attached.
 *
 * @param key what the file is for, e.g. {@code upload_file}; letters, digits, {@code _ . -}
 * @param filename the original file name (a base name, no folders)
 * @param uuid the attachment's id, which is also its file name in the document folder
 * @param data extra data about the file (never null; an immutable copy)
 */
public record FileRef(String key, String filename, String uuid, Map<String, Object> data) {

  /**
   * Validates the fields and copies the data.
   *
   * @throws IllegalArgumentException when a field is not valid
   */
  public FileRef {
    Names.requireKey("file reference key", key);
    if (filename == null
        || filename.isBlank()
        || filename.indexOf('/') >= 0
        || filename.indexOf('\\') >= 0
        || filename.indexOf('\n') >= 0
        || filename.equals(".")
        || filename.equals("..")) {
      throw new IllegalArgumentException(
          "invalid file name '"
              + filename
              + "' of file reference "
              + key
              + ": expected a base name");
    }
    Names.requireId("attachment id", uuid);
    data = Values.normalizeMap(data, "data of file reference " + key);
  }
}
