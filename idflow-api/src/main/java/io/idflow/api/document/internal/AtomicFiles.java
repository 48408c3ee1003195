package io.idflow.api.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes that a reader (or a crash) never sees half done: the content goes to a hidden temporary
 * file in the same folder, optionally forced to disk, and is then renamed over the target. The two
 * halves can be called apart ({@link #prepare}, {@link #commit}), so that a write of several files
 * fills every temporary file first and renames only when all are there: a full disk then fails
 * before any file changed.
 */
final class AtomicFiles {

  /** Marks temporary files; {@link #deleteTemporaries} removes leftovers of killed writers. */
  static final String TMP_MARK = ".tmp-";

  private AtomicFiles() {}

  /** Writes text (UTF-8) to a file atomically. */
  static void write(Path target, String text, boolean fsync) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8), fsync);
  }

  /** Writes bytes to a file atomically. */
  static void write(Path target, byte[] bytes, boolean fsync) throws IOException {
    commit(prepare(target, bytes, fsync), target);
  }

  /** Copies a file to a target atomically. */
  static void copy(Path source, Path target, boolean fsync) throws IOException {
    commit(prepareCopy(source, target, fsync), target);
  }

  /**
   * The first half of a write: a filled temporary file next to the target, to be renamed over it
   * with {@link #commit} (or deleted). Nothing is left behind when it fails.
   *
   * @throws FileSystemException naming the target (a full disk: "No space left on device")
   */
  static Path prepare(Path target, byte[] bytes, boolean fsync) throws IOException {
    return fill(target, fsync, ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
  }

  /** {@link #prepare} with a copy of a file. */
  static Path prepareCopy(Path source, Path target, boolean fsync) throws IOException {
    return fill(
        target,
        fsync,
        ch -> {
          try (InputStream in = Files.newInputStream(source)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
              writeFully(ch, ByteBuffer.wrap(buf, 0, n));
            }
          }
        });
  }

  /**
   * The second half of a write: renames a prepared temporary file over its target; readers see the
   * old file or the new one, never a part. The temporary file is removed on failure.
   */
  static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  /** Deletes a temporary file after a failure; a failure to delete is added to the first one. */
  static void deleteQuietly(Path tmp, Throwable failure) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** What fills the temporary file. */
  private interface Content {
    void writeTo(FileChannel ch) throws IOException;
  }

  /**
   * Fills a temporary file next to the target. The temporary file is removed on failure; a write
   * error without a file name (the JDK reports a full disk as a plain {@code IOException}) becomes
   * a {@link FileSystemException} naming the target, so that the message says where.
   */
  private static Path fill(Path target, boolean fsync, Content content) throws IOException {
    Path tmp = temporary(target);
    boolean created = false;
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        created = true;
        content.writeTo(ch);
        if (fsync) {
          ch.force(true);
        }
      }
      return tmp;
    } catch (FileSystemException e) {
      if (created) {
        deleteQuietly(tmp, e);
      }
      throw e;
    } catch (IOException e) {
      FileSystemException named = new FileSystemException(target.toString(), null, e.getMessage());
      named.initCause(e);
      if (created) {
        deleteQuietly(tmp, named);
      }
      throw named;
    } catch (RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static Path temporary(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + TMP_MARK
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
  }

  /**
   * Deletes the temporary files that writers killed midway left in a folder. Call only while
   * holding the folder's document lock, so that no live writer's file is taken.
   */
  static void deleteTemporaries(Path folder) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*" + TMP_MARK + "*")) {
      for (Path p : entries) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      // nothing to clean
    }
  }

  /** Deletes a folder tree; a missing folder is fine. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
