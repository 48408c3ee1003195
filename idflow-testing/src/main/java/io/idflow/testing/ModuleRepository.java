package io.idflow.testing;

import io.idflow.conductor.maven.MavenArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Maven repository for tests that run JBang scripts with {@code //DEPS
 * io.idflow:...:0.1.0-SNAPSHOT}: it holds the idflow modules of the current build (copied from each
 * module's {@code target/}, as {@code mvn install} would put them) and sees everything else of the
 * developer's local repository through symbolic links. So a test exercises the code being built,
 * never a stale install, and never writes idflow artifacts into {@code ~/.m2}.
 *
 * <p>Only modules already packaged are present: a test in idflow-api sees idflow-api; a test in the
 * last module of the reactor sees all of them. Lives in {@code <root>/target/module-repo}.
 */
public final class ModuleRepository {

  private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

  private ModuleRepository() {}

  /** The repository root folder of the project ({@code idflow.project.root}, else found upward). */
  public static Path projectRoot() {
    String prop = System.getProperty("idflow.project.root");
    if (prop != null && !prop.isBlank() && Files.isRegularFile(Path.of(prop, "pom.xml"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/idflow.java"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the idflow repository root");
  }

  /**
   * Prepares the repository (again: module jars are re-copied each time) and returns its folder.
   *
   * @param modules the modules that must be present, e.g. {@code idflow-api}
   * @throws IllegalStateException when one of them has not been packaged
   */
  public static synchronized Path prepare(String... modules) {
    Path root = projectRoot();
    Path repo = root.resolve("target/module-repo");
    Path m2 = new MavenArtifacts(System.getenv()).localRepository();
    try {
      Files.createDirectories(repo);
      linkChildren(m2, repo, "io");
      Files.createDirectories(repo.resolve("io"));
      if (Files.isDirectory(m2.resolve("io"))) {
        linkChildren(m2.resolve("io"), repo.resolve("io"), "idflow");
      }
      String version = version(root.resolve("pom.xml"));
      install(root.resolve("pom.xml"), null, repo, "idflow-parent", version);
      List<String> missing = new ArrayList<>();
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "idflow-*")) {
        for (Path module : dirs) {
          String name = module.getFileName().toString();
          Path jar = module.resolve("target/" + name + "-" + version + ".jar");
          if (Files.isRegularFile(jar)) {
            install(module.resolve("pom.xml"), jar, repo, name, version);
          }
        }
      }
      for (String m : modules) {
        if (!Files.isRegularFile(
            artifactDir(repo, m, version).resolve(m + "-" + version + ".jar"))) {
          missing.add(m);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "not packaged yet: "
                + missing
                + "; run the build from the repository root (mvn verify)");
      }
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void linkChildren(Path from, Path to, String except) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        Path link = to.resolve(name);
        if (name.equals(except) || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Files.createSymbolicLink(link, child);
      }
    }
  }

  private static void install(Path pom, Path jar, Path repo, String artifact, String version)
      throws IOException {
    Path dir = Files.createDirectories(artifactDir(repo, artifact, version));
    Files.copy(
        pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(
          jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path artifactDir(Path repo, String artifact, String version) {
    return repo.resolve("io/idflow").resolve(artifact).resolve(version);
  }

  private static String version(Path pom) throws IOException {
    // The first <version> after the parent's coordinates is the project version.
    String text = Files.readString(pom);
    int start = text.indexOf("<artifactId>idflow-parent</artifactId>");
    Matcher m = VERSION.matcher(text);
    if (start >= 0 && m.find(start)) {
      return m.group(1).trim();
    }
    throw new IllegalStateException("no version in " + pom);
  }
}
