package io.idflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test projects: folders under {@code src/test/resources/projects/<case>/} copied into a
 * {@code @TempDir}, so that every test that touches files works on its own copy.
 */
public final class TestProjects {

  private TestProjects() {}

  /**
   * Copies {@code projects/<name>/} from the test class path into {@code target}.
   *
   * @param anchor a class whose class loader sees the project (the test class)
   * @param name the case's folder name
   * @param target the destination folder (created when missing)
   * @return {@code target}
   */
  public static Path copy(Class<?> anchor, String name, Path target) {
    URL url = anchor.getClassLoader().getResource("projects/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test project projects/" + name + " on the class path");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(fs.provider().getPath(uri), target);
        }
      } else {
        copyTree(Path.of(uri), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Copies a folder tree (files and folders) into {@code target}. */
  public static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          Files.copy(p, dest);
        }
      }
    }
  }
}
