package io.idflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/jbang} the way a user does, against the current build's modules ({@link
 * ModuleRepository}), with JBang's cache in {@code target/jbang-it} so tests never touch {@code
 * ~/.jbang}.
 */
public final class JBangRunner {

  /** What the process did. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  private final Path workingDir;
  private final Map<String, String> env = new HashMap<>();
  private String stdin = "";
  private Duration timeout = Duration.ofMinutes(3);

  /**
   * A runner whose scripts resolve these idflow modules from the current build.
   *
   * @param workingDir the working directory of the JBang process
   * @param modules modules that must be packaged, e.g. {@code idflow-api}
   */
  public JBangRunner(Path workingDir, String... modules) {
    this.workingDir = workingDir;
    Path root = ModuleRepository.projectRoot();
    Path repo = ModuleRepository.prepare(modules);
    env.put("JBANG_REPO", repo.toString());
    env.put("MAVEN_REPO_LOCAL", repo.toString());
    env.put("JBANG_DIR", root.resolve("target/jbang-it").toString());
    env.put("JBANG_NO_VERSION_CHECK", "true");
  }

  /** Sets an environment variable of the process. */
  public JBangRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Feeds this text to the process's stdin. */
  public JBangRunner stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** Kills the process after this long (default 3 minutes). */
  public JBangRunner timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** The process's environment additions, for starting it some other way. */
  public Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** Runs {@code scripts/jbang <args>} and waits for it. */
  public Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ModuleRepository.projectRoot().resolve("scripts/jbang").toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("jbang-out", ".txt");
      Path err = Files.createTempFile("jbang-err", ".txt");
      Path in = Files.createTempFile("jbang-in", ".txt");
      try {
        Files.writeString(in, stdin);
        ProcessBuilder pb =
            new ProcessBuilder(cmd)
                .directory(workingDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(in.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          throw new IllegalStateException(
              "jbang " + String.join(" ", args) + " did not finish within " + timeout);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Files.deleteIfExists(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
