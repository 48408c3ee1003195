package io.idflow.conductor.maven;

import io.idflow.api.IdflowException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds artifacts in the local Maven repository and, when one is missing, has Maven download it
 * from the repositories Maven is configured with ({@code mvn dependency:get}). idflow never
 * downloads anything itself.
 *
 * <p>The local repository is {@code maven.repo.local} (system property), else {@code
 * MAVEN_REPO_LOCAL} (environment, as for idflow's scripts), else the {@code localRepository} of
 * {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository}.
 */
public final class MavenArtifacts {

  private static final Pattern LOCAL_REPO =
      Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");

  private final Map<String, String> env;
  private final Path localRepository;

  /** Uses the local repository this environment points to. */
  public MavenArtifacts(Map<String, String> env) {
    this(env, System.getProperty("maven.repo.local"));
  }

  /**
   * Uses {@code repoProperty} as the value of the {@code maven.repo.local} property (may be null).
   */
  MavenArtifacts(Map<String, String> env, String repoProperty) {
    this.env = Map.copyOf(env);
    this.localRepository = locateLocalRepository(env, repoProperty);
  }

  /** The local repository folder. */
  public Path localRepository() {
    return localRepository;
  }

  /**
   * The path an artifact has in the local repository (it may not exist yet).
   *
   * @param coordinates {@code groupId:artifactId:version[:type[:classifier]]}, the same form as
   *     {@code mvn dependency:get -Dartifact=...}
   */
  public Path path(String coordinates) {
    Coordinates c = Coordinates.parse(coordinates);
    String file =
        c.artifactId()
            + "-"
            + c.version()
            + (c.classifier().isEmpty() ? "" : "-" + c.classifier())
            + "."
            + c.type();
    return localRepository
        .resolve(c.groupId().replace('.', File.separatorChar))
        .resolve(c.artifactId())
        .resolve(c.version())
        .resolve(file);
  }

  /**
   * The artifact's file, downloaded through Maven first when it is not in the local repository.
   *
   * @param coordinates as for {@link #path(String)}
   * @param progress receives one line before a download starts
   * @throws IdflowException exit code 3 when Maven is missing or the download fails
   */
  public Path resolve(String coordinates, Consumer<String> progress) {
    Path file = path(coordinates);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path mvn =
        findMaven()
            .orElseThrow(
                () ->
                    IdflowException.config(
                        "Maven (mvn) is needed to download "
                            + coordinates
                            + " into "
                            + localRepository
                            + "; install Maven or put the file at "
                            + file));
    progress.accept("Downloading " + coordinates + " with Maven into " + localRepository + " ...");
    List<String> cmd = new ArrayList<>();
    cmd.add(mvn.toString());
    cmd.add("-B");
    cmd.add("-q");
    cmd.add("org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get");
    cmd.add("-Dartifact=" + coordinates);
    cmd.add("-Dtransitive=false");
    cmd.add("-Dmaven.repo.local=" + localRepository);
    Path log = null;
    Path emptyDir = null;
    try {
      // An empty working folder: Maven must not pick up some project's POM.
      emptyDir = Files.createTempDirectory("idflow-mvn");
      log = Files.createTempFile("idflow-mvn", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(emptyDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      int exit = pb.start().waitFor();
      if (exit != 0 || !Files.isRegularFile(file)) {
        String tail = lastLines(log, 5);
        throw IdflowException.config(
            "Maven could not download " + coordinates + " (exit " + exit + "): " + tail);
      }
      return file;
    } catch (IOException e) {
      throw new io.idflow.api.ConfigurationException(
          "cannot run Maven to download " + coordinates + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdflowException("interrupted while downloading " + coordinates);
    } finally {
      deleteQuietly(log);
      deleteQuietly(emptyDir);
    }
  }

  /**
   * The {@code mvn} executable: {@code MAVEN_HOME}/{@code M2_HOME}, else the one on {@code PATH}.
   */
  public Optional<Path> findMaven() {
    for (String var : List.of("MAVEN_HOME", "M2_HOME")) {
      String home = env.get(var);
      if (home != null && !home.isBlank()) {
        Path p = Path.of(home, "bin", "mvn");
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    String path = env.getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank() && Files.isExecutable(Path.of(entry, "mvn"))) {
        return Optional.of(Path.of(entry, "mvn"));
      }
    }
    return Optional.empty();
  }

  private static Path locateLocalRepository(Map<String, String> env, String prop) {
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    String fromEnv = env.get("MAVEN_REPO_LOCAL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path settings = Path.of(home, ".m2", "settings.xml");
    if (Files.isRegularFile(settings)) {
      try {
        Matcher m = LOCAL_REPO.matcher(Files.readString(settings, StandardCharsets.UTF_8));
        if (m.find()) {
          String value = m.group(1).replace("${user.home}", home);
          return Path.of(value).toAbsolutePath();
        }
      } catch (IOException e) {
        // fall back to the default location
      }
    }
    return Path.of(home, ".m2", "repository");
  }

  private static String lastLines(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      List<String> tail = lines.subList(Math.max(0, lines.size() - n), lines.size());
      return String.join(" | ", tail).trim();
    } catch (IOException e) {
      return "(no output)";
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary file left behind does no harm
    }
  }

  /** Parsed {@code groupId:artifactId:version[:type[:classifier]]}. */
  record Coordinates(
      String groupId, String artifactId, String version, String type, String classifier) {
    static Coordinates parse(String s) {
      String[] p = s.split(":");
      if (p.length < 3 || p.length > 5) {
        throw new IllegalArgumentException(
            "expected groupId:artifactId:version[:type[:classifier]]: " + s);
      }
      return new Coordinates(
          p[0], p[1], p[2], p.length > 3 ? p[3] : "jar", p.length > 4 ? p[4] : "");
    }
  }
}
