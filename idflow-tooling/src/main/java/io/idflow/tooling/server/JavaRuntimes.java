package io.idflow.tooling.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java runtimes on a machine: the one named by {@code IDFLOW_SERVER_JAVA}, {@code
 * JAVA_HOME}, the running one, the {@code java} on {@code PATH}, and the JDKs installed in the
 * usual places ({@code /usr/lib/jvm}, {@code /usr/java}, {@code /opt/java}, {@code
 * ~/.sdkman/candidates/java}, {@code ~/.jdks}, {@code ~/.jbang/cache/jdks}, macOS's {@code
 * /Library/Java/JavaVirtualMachines}).
 *
 * <p>Versions are read from each runtime's {@code release} file; no process is started. The
 * environment is a parameter so that tests control what is found.
 */
public final class JavaRuntimes {

  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"");

  private final Map<String, String> env;
  private final List<Path> installRoots;

  /** Looks in the standard places, with this environment. */
  public JavaRuntimes(Map<String, String> env) {
    this(env, defaultInstallRoots(env));
  }

  /**
   * Looks in the given install roots (each holds one JDK per sub-folder), with this environment.
   */
  public JavaRuntimes(Map<String, String> env, List<Path> installRoots) {
    this.env = Map.copyOf(env);
    this.installRoots = List.copyOf(installRoots);
  }

  private static List<Path> defaultInstallRoots(Map<String, String> env) {
    List<Path> roots =
        new ArrayList<>(
            List.of(
                Path.of("/usr/lib/jvm"),
                Path.of("/usr/java"),
                Path.of("/opt/java"),
                Path.of("/Library/Java/JavaVirtualMachines")));
    String home = env.get("HOME");
    if (home != null && !home.isBlank()) {
      roots.add(Path.of(home, ".sdkman", "candidates", "java"));
      roots.add(Path.of(home, ".jdks"));
      roots.add(Path.of(home, ".jbang", "cache", "jdks"));
    }
    return roots;
  }

  /** Every runtime found, without duplicates (by real path), in discovery order. */
  public List<JavaRuntime> all() {
    Map<Path, JavaRuntime> found = new LinkedHashMap<>();
    explicit().ifPresent(r -> found.putIfAbsent(realPath(r.home()), r));
    fromHome(env.get("JAVA_HOME"), "JAVA_HOME")
        .ifPresent(r -> found.putIfAbsent(realPath(r.home()), r));
    fromHome(System.getProperty("java.home"), "current")
        .ifPresent(r -> found.putIfAbsent(realPath(r.home()), r));
    onPath().ifPresent(r -> found.putIfAbsent(realPath(r.home()), r));
    for (Path root : installRoots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
        List<Path> sorted = new ArrayList<>();
        dirs.forEach(sorted::add);
        sorted.sort(Comparator.naturalOrder());
        for (Path dir : sorted) {
          Path home =
              Files.isDirectory(dir.resolve("Contents/Home")) ? dir.resolve("Contents/Home") : dir;
          fromHome(home.toString(), "installed")
              .ifPresent(r -> found.putIfAbsent(realPath(r.home()), r));
        }
      } catch (IOException e) {
        // an unreadable folder simply holds no runtimes we can use
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * The runtime named by {@code IDFLOW_SERVER_JAVA} (a JDK home or its {@code bin/java}), if set
   * and usable.
   */
  public Optional<JavaRuntime> explicit() {
    String value = env.get("IDFLOW_SERVER_JAVA");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return fromAny(value.trim(), "IDFLOW_SERVER_JAVA");
  }

  /**
   * The runtime to use for something that needs at least this feature release: the explicitly
   * configured one if it is new enough, else {@code JAVA_HOME}, else the newest one installed.
   *
   * @param minimum the lowest acceptable feature release, e.g. 21
   * @param configured a runtime from configuration ({@code server.java}), or null
   */
  public Optional<JavaRuntime> find(int minimum, String configured) {
    if (configured != null && !configured.isBlank()) {
      return fromAny(configured.trim(), "server.java").filter(r -> r.feature() >= minimum);
    }
    Optional<JavaRuntime> explicit = explicit();
    if (explicit.isPresent()) {
      return explicit.filter(r -> r.feature() >= minimum);
    }
    Optional<JavaRuntime> javaHome = fromHome(env.get("JAVA_HOME"), "JAVA_HOME");
    if (javaHome.isPresent() && javaHome.get().feature() >= minimum) {
      return javaHome;
    }
    return all().stream()
        .filter(r -> r.feature() >= minimum)
        .max(Comparator.comparingInt(JavaRuntime::feature));
  }

  /** A runtime from a JDK home or a path to its {@code java} executable. */
  public static Optional<JavaRuntime> fromAny(String homeOrExecutable, String origin) {
    Path p = Path.of(homeOrExecutable);
    if (Files.isRegularFile(p) && p.getParent() != null && p.getParent().getParent() != null) {
      return fromHome(p.getParent().getParent().toString(), origin);
    }
    return fromHome(homeOrExecutable, origin);
  }

  /** A runtime from a JDK home, when that folder holds {@code bin/java} and a readable version. */
  public static Optional<JavaRuntime> fromHome(String home, String origin) {
    if (home == null || home.isBlank()) {
      return Optional.empty();
    }
    Path dir = Path.of(home).toAbsolutePath().normalize();
    Path exe = dir.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    if (!Files.isExecutable(exe)) {
      return Optional.empty();
    }
    return readVersion(dir).map(v -> new JavaRuntime(dir, exe, featureOf(v), v, origin));
  }

  private Optional<JavaRuntime> onPath() {
    String path = env.get("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path exe = Path.of(entry, isWindows() ? "java.exe" : "java");
      if (Files.isExecutable(exe)) {
        Path real = realPath(exe);
        if (real.getParent() != null && real.getParent().getParent() != null) {
          return fromHome(real.getParent().getParent().toString(), "PATH");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> readVersion(Path home) {
    Path release = home.resolve("release");
    if (Files.isRegularFile(release)) {
      try {
        Matcher m = VERSION.matcher(Files.readString(release));
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    if (realPath(home).equals(realPath(Path.of(System.getProperty("java.home"))))) {
      return Optional.of(System.getProperty("java.version"));
    }
    return Optional.empty();
  }

  /** The feature release of a version string: {@code 1.8.0_392} is 8, {@code 25.0.1} is 25. */
  public static int featureOf(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    Matcher m = Pattern.compile("^(\\d+)").matcher(v);
    return m.find() ? Integer.parseInt(m.group(1)) : 1;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
  }
}
