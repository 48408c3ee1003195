package io.idflow.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * This module's test projects ({@code src/test/resources/projects/<case>/}) copied into a temporary
 * folder. idflow-api cannot use the test kit (idflow-testing depends on it), hence this small copy.
 */
public final class TestProject {

  private TestProject() {}

  /** Copies {@code projects/<name>/} into {@code target} and returns {@code target}. */
  public static Path copy(String name, Path target) {
    try {
      Path source = Path.of(TestProject.class.getResource("/projects/" + name).toURI());
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(target.resolve(source.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(file, target.resolve(source.relativize(file).toString()));
              return FileVisitResult.CONTINUE;
            }
          });
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
