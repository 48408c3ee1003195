package io.idflow.conductor.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceFile;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Compiles task scripts with JBang ({@code jbang build}, then {@code jbang info tools} for the
 * resolved class path) and caches the result under {@code <cache>/builds/}, keyed by the content of
 * the script's whole folder. A cache hit starts no process at all. Core scripts (inside a jar) are
 * extracted to {@code <cache>/sources/} first, because JBang compiles files.
 */
final class ScriptBuilder {

  /** A compiled script. */
  record Build(Path jar, List<Path> classPath, Path scriptFile, boolean built) {}

  private static final String BUILD_INFO = "build.json";
  private static final String FORMAT = "idflow-task-build-1";

  private final Path cacheDir;
  private final Supplier<Path> jbangJar;
  private final String jbangVersion;
  private final Map<String, String> env;
  private final Duration timeout;
  private final Consumer<String> progress;

  ScriptBuilder(
      Path cacheDir,
      Supplier<Path> jbangJar,
      String jbangVersion,
      Map<String, String> env,
      Duration timeout,
      Consumer<String> progress) {
    this.cacheDir = cacheDir;
    this.jbangJar = jbangJar;
    this.jbangVersion = jbangVersion;
    this.env = Map.copyOf(env);
    this.timeout = timeout;
    this.progress = progress;
  }

  /**
   * The compiled script: from the cache when its folder is unchanged, else built now.
   *
   * @throws IdflowException (exit 5) naming the script when it does not build
   */
  Build build(ResourceDir dir, ResourceFile script) {
    List<ResourceFile> files = dir.files();
    String key = key(dir, script, files);
    String stem = stem(script.fileName());
    Path builds = cacheDir.resolve("builds");
    Path entry = builds.resolve(dir.name() + "-" + stem + "-" + key);
    Build cached = readEntry(entry);
    if (cached != null) {
      return cached;
    }
    try {
      // An entry whose dependencies changed since (a re-installed SNAPSHOT) has the same key; it
      // must go, or the new build could not take its place.
      if (Files.isDirectory(entry)) {
        deleteTree(entry);
      }
      Files.createDirectories(builds);
      Path source = sourceFile(dir, script, files, key);
      progress.accept("Building task script " + script.displayName() + " with JBang ...");
      Path tmp = Files.createTempDirectory(builds, ".tmp-" + dir.name() + "-");
      try {
        JBangResult build = jbang(source, "build", "--build-dir=" + tmp, source.toString());
        if (build.exit() != 0) {
          throw buildFailure(script, build);
        }
        JBangResult info = jbang(source, "info", "tools", "--build-dir=" + tmp, source.toString());
        if (info.exit() != 0) {
          throw buildFailure(script, info);
        }
        JsonNode tools = Json.MAPPER.readTree(info.stdout());
        Path jar = Path.of(tools.path("applicationJar").asText(""));
        if (!jar.startsWith(tmp) || !Files.isRegularFile(jar)) {
          throw buildFailure(
              script, new JBangResult(0, "", "JBang built no jar in " + tmp + ": " + jar));
        }
        List<Path> classPath = new ArrayList<>();
        for (JsonNode dep : tools.path("resolvedDependencies")) {
          classPath.add(Path.of(dep.asText()));
        }
        writeInfo(tmp, tmp.relativize(jar).toString(), classPath, source);
        moveIntoPlace(tmp, entry);
      } finally {
        deleteTree(tmp);
      }
      removeStale(builds, dir.name() + "-" + stem + "-", entry);
      Build done = readEntry(entry);
      if (done == null) {
        throw new IdflowException("the build cache entry " + entry + " is unreadable");
      }
      return new Build(done.jar(), done.classPath(), done.scriptFile(), true);
    } catch (IOException e) {
      throw new IdflowException(
          "cannot build task script " + script.displayName() + ": " + e.getMessage(), e);
    }
  }

  /** The content key: every file of the folder, the script's name, JBang's and Java's version. */
  private String key(ResourceDir dir, ResourceFile script, List<ResourceFile> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, FORMAT);
      update(sha, jbangVersion);
      update(sha, System.getProperty("java.specification.version"));
      update(sha, script.relativePath());
      for (ResourceFile f : files) {
        update(sha, f.relativePath());
        byte[] content = f.readBytes();
        update(sha, Integer.toString(content.length));
        sha.update(content);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /** The file JBang compiles: the script itself, or its folder extracted from a jar. */
  private Path sourceFile(
      ResourceDir dir, ResourceFile script, List<ResourceFile> files, String key)
      throws IOException {
    if (script.onFileSystem()) {
      return script.path().toAbsolutePath();
    }
    String prefix = "tasks/" + dir.name() + "/";
    Path sources = cacheDir.resolve("sources");
    Path target = sources.resolve(dir.name() + "-" + key);
    if (!Files.isDirectory(target)) {
      Files.createDirectories(sources);
      Path tmp = Files.createTempDirectory(sources, ".tmp-" + dir.name() + "-");
      try {
        for (ResourceFile f : files) {
          Path dest = tmp.resolve(f.relativePath().substring(prefix.length()));
          Files.createDirectories(dest.getParent());
          Files.write(dest, f.readBytes());
        }
        moveIntoPlace(tmp, target);
      } finally {
        deleteTree(tmp);
      }
      removeStale(sources, dir.name() + "-", target);
    }
    return target.resolve(script.relativePath().substring(prefix.length()));
  }

  private Build readEntry(Path entry) {
    Path info = entry.resolve(BUILD_INFO);
    if (!Files.isRegularFile(info)) {
      return null;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(info.toFile());
      if (!FORMAT.equals(json.path("format").asText())) {
        return null;
      }
      Path jar = entry.resolve(json.path("jar").asText());
      if (!Files.isRegularFile(jar)) {
        return null;
      }
      List<Path> classPath = new ArrayList<>();
      for (JsonNode e : json.path("classPath")) {
        Path p = Path.of(e.path("path").asText());
        // A dependency that was re-installed (a SNAPSHOT) or removed invalidates the build.
        if (!Files.exists(p)
            || Files.size(p) != e.path("size").asLong()
            || Files.getLastModifiedTime(p).toMillis() != e.path("modified").asLong()) {
          return null;
        }
        classPath.add(p);
      }
      return new Build(jar, classPath, Path.of(json.path("script").asText()), false);
    } catch (IOException e) {
      return null;
    }
  }

  private static void writeInfo(Path dir, String jar, List<Path> classPath, Path script)
      throws IOException {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("format", FORMAT);
    json.put("script", script.toString());
    json.put("jar", jar);
    ArrayNode cp = json.putArray("classPath");
    for (Path p : classPath) {
      ObjectNode e = cp.addObject();
      e.put("path", p.toString());
      e.put("size", Files.size(p));
      e.put("modified", Files.getLastModifiedTime(p).toMillis());
    }
    Files.writeString(dir.resolve(BUILD_INFO), Json.pretty(json));
  }

  private record JBangResult(int exit, String stdout, String stderr) {}

  private JBangResult jbang(Path script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts =
        env.getOrDefault("JBANG_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    for (String o : opts.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.add("-classpath");
    cmd.add(jbangJar.get().toString());
    cmd.add("dev.jbang.Main");
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("idflow-jbang", ".out");
    Path err = Files.createTempFile("idflow-jbang", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(script.getParent().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Map<String, String> penv = pb.environment();
      penv.clear();
      penv.putAll(env);
      penv.put("JBANG_NO_VERSION_CHECK", "true");
      if (!penv.containsKey("JAVA_HOME")) {
        penv.put("JAVA_HOME", System.getProperty("java.home"));
      }
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new JBangResult(
            -1, "", "JBang did not finish within " + timeout.toSeconds() + " s (killed)");
      }
      return new JBangResult(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdflowException("interrupted while running JBang");
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static IdflowException buildFailure(ResourceFile script, JBangResult r) {
    String all = (r.stderr() + "\n" + r.stdout()).strip();
    String first = null;
    for (String line : all.split("\\R")) {
      String l = line.toLowerCase(Locale.ROOT);
      if (l.contains("error") && !l.contains("run with --verbose")) {
        first = line.replace("[jbang] ", "").strip();
        break;
      }
    }
    if (first == null) {
      first = all.isEmpty() ? "no output" : all.split("\\R")[0].strip();
    }
    // Name the file by its base-relative name, not the extracted or absolute path.
    int at = first.indexOf(script.fileName() + ":");
    if (at > 0) {
      first = first.substring(at);
    }
    return new io.idflow.api.InvalidContentException(
        "task script "
            + script.displayName()
            + " does not build"
            + (r.exit() > 0 ? " (JBang exit " + r.exit() + ")" : "")
            + ": "
            + first,
        new IllegalStateException("JBang output:\n" + all));
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // Another process built the same content first; its result is as good as ours.
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target);
    } catch (IOException e) {
      if (!Files.isDirectory(target)) {
        throw e;
      }
    }
  }

  private static void removeStale(Path parent, String prefix, Path keep) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path p : s) {
        String rest = p.getFileName().toString().substring(prefix.length());
        // Only older builds of this very script: <prefix><16 hex digits>.
        if (!p.equals(keep) && rest.matches("[0-9a-f]{16}")) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      // A stale entry left behind costs disk space only.
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }
}
