package io.idflow.api.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One source of resources: the core library, a vendor or the project. A base has one or more root
 * folders, each holding {@code workflows/}, {@code tasks/} and {@code stages/}; the core library
 * has one root per class-path entry that ships {@value #CORE_RESOURCE_ROOT} (idflow-sync ships
 * workflows, idflow-worker tasks, idflow-stage stages). Within a base, an earlier root wins over a
 * later one for the same folder name.
 *
 * <p>Roots inside jars are paths of a read-only zip file system that stays open for the life of the
 * JVM.
 *
 * @param name a short name for messages: {@code core}, {@code project}, or the vendor's name
 * @param type the kind of base, which decides precedence and origins
 * @param priority for vendors, the configured priority (a lower number wins); 0 otherwise
 * @param roots the root folders, in precedence order within the base (may be empty)
 */
public record ResourceBase(String name, BaseType type, int priority, List<Path> roots) {

  /** The class-path folder under which idflow's modules ship the core library. */
  public static final String CORE_RESOURCE_ROOT = "idflow/core";

  private static final Map<URI, FileSystem> ARCHIVES = new ConcurrentHashMap<>();

  /** Validates the fields. */
  public ResourceBase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    roots = List.copyOf(roots);
  }

  /** The project base: {@code root} holds the project's {@code workflows/}, {@code tasks/}, .... */
  public static ResourceBase project(Path root) {
    return new ResourceBase("project", BaseType.PROJECT, 0, List.of(root.toAbsolutePath()));
  }

  /**
   * A vendor base.
   *
   * @param name the vendor's name
   * @param priority a lower number wins over a higher one; the project always wins
   * @param root the vendor's folder (same layout as a project)
   */
  public static ResourceBase vendor(String name, int priority, Path root) {
    return new ResourceBase(name, BaseType.VENDOR, priority, List.of(root.toAbsolutePath()));
  }

  /**
   * The core library as seen by a class loader: every {@value #CORE_RESOURCE_ROOT} folder on its
   * class path (directories and jars), in class-path order.
   *
   * @throws UncheckedIOException when the class path cannot be read
   */
  public static ResourceBase core(ClassLoader loader) {
    List<Path> roots = new ArrayList<>();
    try {
      Set<URI> seen = new LinkedHashSet<>();
      Enumeration<URL> urls = loader.getResources(CORE_RESOURCE_ROOT);
      while (urls.hasMoreElements()) {
        URI uri = urls.nextElement().toURI();
        if (seen.add(uri)) {
          Path p = toPath(uri);
          if (p != null && Files.isDirectory(p)) {
            roots.add(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path for " + CORE_RESOURCE_ROOT, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new ResourceBase("core", BaseType.CORE, 0, roots);
  }

  /**
   * How a file of this base is named in messages: a path relative to the root for the project
   * ({@code tasks/echo/Echo.java}), prefixed with {@code core:} or {@code vendor:<name>:}
   * otherwise.
   *
   * @param relative the path below a root, with {@code /} separators
   */
  public String display(String relative) {
    return switch (type) {
      case PROJECT -> relative;
      case CORE -> "core:" + relative;
      case VENDOR -> "vendor:" + name + ":" + relative;
    };
  }

  private static Path toPath(URI uri) throws IOException {
    String scheme = uri.getScheme();
    if ("file".equals(scheme)) {
      return Path.of(uri);
    }
    if (!"jar".equals(scheme)) {
      // Other schemes (nested jars of a fat jar launcher, ...) cannot be listed as folders.
      return null;
    }
    String spec = uri.getRawSchemeSpecificPart();
    int sep = spec.indexOf("!/");
    if (sep < 0 || spec.indexOf("!/", sep + 2) >= 0) {
      return null;
    }
    URI archive = URI.create("jar:" + spec.substring(0, sep));
    FileSystem fs =
        ARCHIVES.computeIfAbsent(
            archive,
            a -> {
              try {
                return FileSystems.newFileSystem(a, Map.of());
              } catch (FileSystemAlreadyExistsException e) {
                return FileSystems.getFileSystem(a);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return fs.getPath(spec.substring(sep + 1));
  }
}
