package io.idflow.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pid files of a project's runners, in {@code <project>/.idflow/run/worker-<pid>.json}. Runner
 * processes are found only through these files, never by scanning the process table; a file whose
 * process is gone (or whose pid now belongs to another process) is stale and is deleted when seen.
 *
 * <p>Files are written atomically (temporary file, then rename) and readable by the owner only.
 * Thread-safe as far as the file system is.
 */
public final class RunFiles {

  /** The folder under the project root. */
  public static final Path DIR = Path.of(".idflow", "run");

  private static final String PREFIX = "worker-";
  private static final String SUFFIX = ".json";
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  private final Path dir;

  /** The run files of the project at this root. */
  public RunFiles(Path projectRoot) {
    this.dir = projectRoot.resolve(DIR);
  }

  /** The folder holding the files. */
  public Path dir() {
    return dir;
  }

  /** The file of a process. */
  public Path fileOf(long pid) {
    return dir.resolve(PREFIX + pid + SUFFIX);
  }

  /**
   * Records a runner.
   *
   * @throws IdflowException (exit code 1) when the file cannot be written
   */
  public Path write(RunFile run) {
    Path target = fileOf(run.pid());
    try {
      Files.createDirectories(dir);
      ObjectNode json = Json.MAPPER.createObjectNode();
      json.put("name", run.name());
      json.put("pid", run.pid());
      json.put("startedAt", run.startedAt().toString());
      json.putPOJO("workers", run.workers());
      json.put("controlPort", run.controlPort());
      json.put("token", run.token());
      if (run.healthPort() != null) {
        json.put("healthPort", run.healthPort());
      }
      if (run.logFile() != null) {
        json.put("logFile", run.logFile().toString());
      }
      Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
      Files.writeString(tmp, Json.pretty(json));
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new IdflowException("cannot write the pid file " + target + ": " + e, e);
    }
  }

  /** Removes a runner's file (nothing happens when it is gone). */
  public void delete(long pid) {
    try {
      Files.deleteIfExists(fileOf(pid));
    } catch (IOException e) {
      // a file we cannot delete is found stale and retried by the next listing
    }
  }

  /** The result of listing: the live runners and the stale files removed. */
  public record Listing(List<RunFile> live, List<Path> removedStale) {}

  /** Reads every file; deletes stale and unreadable ones. Sorted by name, then pid. */
  public Listing list() {
    List<RunFile> live = new ArrayList<>();
    List<Path> stale = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new Listing(live, stale);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path f : files) {
        Optional<RunFile> run = read(f);
        if (run.isPresent() && alive(run.get())) {
          live.add(run.get());
        } else {
          try {
            Files.deleteIfExists(f);
            stale.add(f);
          } catch (IOException e) {
            // left for the next listing
          }
        }
      }
    } catch (IOException e) {
      throw new IdflowException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    live.sort(Comparator.comparing(RunFile::name).thenComparingLong(RunFile::pid));
    return new Listing(List.copyOf(live), List.copyOf(stale));
  }

  /** Whether the process of a run file is still that runner. */
  public static boolean alive(RunFile run) {
    Optional<ProcessHandle> p = ProcessHandle.of(run.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    Optional<Instant> started = p.get().info().startInstant();
    return started.isEmpty()
        || Duration.between(started.get(), run.startedAt()).abs().compareTo(START_TOLERANCE) <= 0;
  }

  /** The process of a live runner, if it is still running. */
  public static Optional<ProcessHandle> process(RunFile run) {
    return alive(run) ? ProcessHandle.of(run.pid()) : Optional.empty();
  }

  private static Optional<RunFile> read(Path f) {
    try {
      JsonNode j = Json.MAPPER.readTree(f.toFile());
      List<String> workers = new ArrayList<>();
      j.path("workers").forEach(w -> workers.add(w.asText()));
      return Optional.of(
          new RunFile(
              j.path("name").asText(),
              j.path("pid").asLong(),
              Instant.parse(j.path("startedAt").asText()),
              workers,
              j.path("controlPort").asInt(),
              j.path("token").asText(),
              j.hasNonNull("healthPort") ? j.get("healthPort").asInt() : null,
              j.hasNonNull("logFile") ? Path.of(j.get("logFile").asText()) : null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
