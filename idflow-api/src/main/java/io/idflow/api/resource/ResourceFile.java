package io.idflow.api.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a {@link ResourceBase}: a workflow JSON, a task script, a stage YAML.
 *
 * @param base the base it belongs to
 * @param kind the kind of resource
 * @param path the file; inside a jar for the core library, see {@link #onFileSystem()}
 * @param relativePath the path below the base root with {@code /} separators, e.g. {@code
 *     workflows/demo/demo.json}
 */
public record ResourceFile(ResourceBase base, ResourceKind kind, Path path, String relativePath) {

  /** Validates the fields. */
  public ResourceFile {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(relativePath, "relativePath");
  }

  /** The file name, e.g. {@code demo.json}. */
  public String fileName() {
    return path.getFileName().toString();
  }

  /**
   * How the file is named in messages: {@code workflows/demo/demo.json} for the project, {@code
   * core:workflows/demo/demo.json} for the core library.
   */
  public String displayName() {
    return base.display(relativePath);
  }

  /** Where the file really is: an absolute path, or a {@code jar:} URI for the core library. */
  public String location() {
    return onFileSystem() ? path.toAbsolutePath().toString() : path.toUri().toString();
  }

  /** Whether the file is an ordinary file (not inside a jar). */
  public boolean onFileSystem() {
    return path.getFileSystem().equals(FileSystems.getDefault());
  }

  /**
   * The file's content as UTF-8 text.
   *
   * @throws UncheckedIOException when it cannot be read
   */
  public String readString() {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + displayName(), e);
    }
  }

  /**
   * The file's content.
   *
   * @throws UncheckedIOException when it cannot be read
   */
  public byte[] readBytes() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + displayName(), e);
    }
  }

  @Override
  public String toString() {
    return displayName();
  }
}
