package io.idflow.api.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The effective folder of a name: {@code tasks/<name>/} or {@code workflows/<name>/} from the base
 * with the highest precedence that has it (a folder replaces the same-named folder of every base
 * below it as a whole).
 *
 * @param kind {@link ResourceKind#TASKS} or {@link ResourceKind#WORKFLOWS}
 * @param name the folder name
 * @param base the base the folder was taken from
 * @param path the folder
 * @param origin where the name comes from, over all bases
 */
public record ResourceDir(
    ResourceKind kind, String name, ResourceBase base, Path path, Origin origin) {

  /** Validates the fields. */
  public ResourceDir {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
  }

  /** How the folder is named in messages, e.g. {@code tasks/echo} or {@code core:tasks/echo}. */
  public String displayName() {
    return base.display(kind.folder() + "/" + name);
  }

  /**
   * Every regular file below the folder (recursively; hidden files and folders skipped), sorted by
   * relative path.
   *
   * @throws UncheckedIOException when the folder cannot be read
   */
  public List<ResourceFile> files() {
    List<ResourceFile> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !hidden(path.relativize(p)))
          .forEach(p -> out.add(file(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + displayName(), e);
    }
    out.sort(Comparator.comparing(ResourceFile::relativePath));
    return out;
  }

  /** The regular files directly in the folder, sorted by name (hidden files skipped). */
  public List<ResourceFile> topLevelFiles() {
    List<ResourceFile> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(path)) {
      list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .forEach(p -> out.add(file(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + displayName(), e);
    }
    out.sort(Comparator.comparing(ResourceFile::relativePath));
    return out;
  }

  private ResourceFile file(Path p) {
    String rel = kind.folder() + "/" + name + "/" + slashes(path.relativize(p));
    return new ResourceFile(base, kind, p, rel);
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String slashes(Path relative) {
    StringBuilder sb = new StringBuilder();
    for (Path part : relative) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      // Zip file system paths keep a trailing '/' on folder names.
      String s = part.toString();
      sb.append(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
    return sb.toString();
  }
}
