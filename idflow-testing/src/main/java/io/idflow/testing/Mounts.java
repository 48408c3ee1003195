package io.idflow.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small file system mounted over a test's folder, for the fault tests of a full disk and a
 * read-only folder (file modes do not stop root, whom the tests run as): a {@code tmpfs} of a given
 * size, which can be filled up or remounted read-only. Mounting needs root with {@code
 * CAP_SYS_ADMIN}; where it is refused, {@link #tmpfs} skips the test with the reason (printed to
 * stderr too). {@link #close} unmounts, lazily when the mount is busy.
 */
public final class Mounts implements AutoCloseable {

  private final Path dir;
  private boolean mounted;

  private Mounts(Path dir) {
    this.dir = dir;
  }

  /**
   * Mounts an empty {@code tmpfs} of this size over a folder (created when missing; what it held is
   * hidden until {@link #close}), or skips the test when this machine does not allow it.
   *
   * @param size as {@code mount -o size=} takes it: {@code 1m}, {@code 256k}
   */
  public static Mounts tmpfs(Path dir, String size) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Mounts m = new Mounts(dir);
    Run r =
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
    if (r.code != 0) {
      String reason =
          "skipped: cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): mount exit "
              + r.code
              + ": "
              + r.output.strip();
      System.err.println(reason);
      Assumptions.abort(reason);
    }
    m.mounted = true;
    return m;
  }

  /** The folder the file system is mounted on. */
  public Path dir() {
    return dir;
  }

  /**
   * Fills the file system: writes zeros to {@code name} in it until the disk is full.
   *
   * @return the filler file, to leave out of comparisons
   */
  public Path fill(String name) throws IOException {
    Path filler = dir.resolve(name);
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
    // a partly written last block may leave a few bytes: fill them one at a time
    try (OutputStream out =
        Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(0);
        out.flush();
      }
    } catch (IOException full) {
      // full
    }
    return filler;
  }

  /** Remounts the file system read-only (its files stay as they are). */
  public void readOnly() throws IOException, InterruptedException {
    Run r = run("mount", "-o", "remount,ro", dir.toString());
    if (r.code != 0) {
      throw new IOException("cannot remount " + dir + " read-only: " + r.output.strip());
    }
  }

  /** Unmounts; when the mount is busy, detaches it lazily ({@code umount -l}). */
  @Override
  public void close() throws IOException, InterruptedException {
    if (!mounted) {
      return;
    }
    Run r = run("umount", dir.toString());
    if (r.code != 0) {
      Run lazy = run("umount", "-l", dir.toString());
      if (lazy.code != 0) {
        throw new IOException(
            "cannot unmount " + dir + ": " + r.output.strip() + "; " + lazy.output.strip());
      }
    }
    mounted = false;
  }

  private record Run(int code, String output) {}

  private static Run run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Run(127, e.getMessage()); // no mount command
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, String.join(" ", cmd) + " did not end within 60 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
