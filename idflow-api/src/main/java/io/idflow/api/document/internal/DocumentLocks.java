package io.idflow.api.document.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-document locks: an in-process lock per (base directory, id), shared by every store instance
 * of the JVM, and a file lock on {@code .lock} in the document's folder, which keeps other
 * processes out. The in-process lock comes first: the JVM allows one file lock per file, and
 * closing any channel on the file would release it.
 *
 * <p>The lock file lives in the document folder, so it moves with the folder: a process waiting for
 * it holds the same file after a status change moved the document. Readers do not lock (writes are
 * atomic renames).
 */
final class DocumentLocks {

  /** The lock file's name in a document folder. */
  static final String LOCK_FILE = ".lock";

  private static final ConcurrentHashMap<String, Entry> LOCKS = new ConcurrentHashMap<>();

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users; // guarded by LOCKS' compute
  }

  /** A held in-process lock. */
  static final class Held implements AutoCloseable {
    private final String key;
    private final Entry entry;
    private FileChannel channel;
    private FileLock fileLock;

    private Held(String key, Entry entry) {
      this.key = key;
      this.entry = entry;
    }

    /**
     * Also takes the file lock of a document folder, waiting for other processes.
     *
     * @throws java.nio.file.NoSuchFileException when the folder is gone (moved or deleted)
     */
    void lockFolder(Path folder) throws IOException {
      releaseFile();
      FileChannel ch =
          FileChannel.open(
              folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        fileLock = ch.lock();
        channel = ch;
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }

    private void releaseFile() throws IOException {
      if (channel != null) {
        try {
          channel.close(); // releases the file lock
        } finally {
          channel = null;
          fileLock = null;
        }
      }
    }

    /** Releases the file lock (if taken) and the in-process lock. */
    @Override
    public void close() {
      try {
        releaseFile();
      } catch (IOException e) {
        // The lock dies with the channel either way.
      } finally {
        entry.lock.unlock();
        LOCKS.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
      }
    }

    /** Whether the file lock is held. */
    boolean hasFileLock() {
      return fileLock != null && fileLock.isValid();
    }
  }

  private DocumentLocks() {}

  /**
   * Takes the in-process lock of a document, waiting for other threads.
   *
   * @param base the store's base directory (absolute, normalised)
   * @throws IllegalStateException when this thread holds it already (a nested write of the same
   *     document, which would otherwise lose one of the two changes)
   */
  static Held acquire(Path base, String id) {
    String key = base + "\u0000" + id;
    Entry existing = LOCKS.get(key);
    if (existing != null && existing.lock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "document "
              + id
              + " is being written by this thread already (update or destroy called from inside"
              + " an update or a before-listener): change the document you were given instead");
    }
    Entry entry =
        LOCKS.compute(
            key,
            (k, e) -> {
              Entry v = e == null ? new Entry() : e;
              v.users++;
              return v;
            });
    entry.lock.lock();
    return new Held(key, entry);
  }
}
