package io.idflow.api.document.internal;

import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentCorruptException;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.value.internal.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the documents of a listing in parallel and hands them out in order (status folder, then
 * id). Documents are not accumulated: at any time it holds a bounded window of documents and the
 * names of two status folders (the one being read and the next, listed ahead), about 100 bytes per
 * document. Reading and filtering run on a small shared pool of daemon threads, one per processor.
 */
final class OrderedLoader implements Iterator<Document> {

  /** Reads one document for a listing; null when it does not match or is gone. */
  interface Reader {
    Document read(Path folder, DocumentStatus status, String id, DocumentQuery query)
        throws IOException;
  }

  private static final int CHUNK = 64;
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final int WINDOW = THREADS * 4;

  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          THREADS,
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "idflow-doc-loader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  /** A document or the reason it could not be read. */
  private record Result(
      Document document, DocumentStatus folder, DocumentCorruptException corrupt) {}

  private final Path base;
  private final DocumentQuery query;
  private final Reader reader;
  private final ArrayDeque<Future<List<Result>>> window = new ArrayDeque<>();
  private int statusIndex = -1;
  private Future<List<String>> nextNames;
  private DocumentStatus status;
  private List<String> names = List.of();
  private int nameIndex;
  private Iterator<Result> current = java.util.Collections.emptyIterator();
  private Document next;
  private boolean closed;

  /** The status folder of each document listed so far, to find a second copy of one. */
  private final java.util.HashMap<String, DocumentStatus> listed = new java.util.HashMap<>();

  OrderedLoader(Path base, DocumentQuery query, Reader reader) {
    this.base = base;
    this.query = query;
    this.reader = reader;
  }

  Stream<Document> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                this, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
            false)
        .onClose(this::close);
  }

  @Override
  public boolean hasNext() {
    while (next == null && !closed) {
      if (current.hasNext()) {
        Result r = current.next();
        if (r.corrupt != null) {
          query.onCorrupt().accept(r.corrupt);
        } else {
          DocumentStatus first = listed.putIfAbsent(r.document.id(), r.folder);
          if (first == null) {
            next = r.document;
          } else {
            query
                .onCorrupt()
                .accept(
                    FsMarkdownStore.inTwoFolders(
                        r.document.id(),
                        first,
                        r.folder,
                        base.resolve(r.folder.folderName()).resolve(r.document.id())));
          }
        }
        continue;
      }
      fill();
      if (window.isEmpty()) {
        closed = true;
        break;
      }
      current = take(window.poll()).iterator();
    }
    return next != null;
  }

  @Override
  public Document next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Document d = next;
    next = null;
    return d;
  }

  private void close() {
    closed = true;
    for (Future<List<Result>> f : window) {
      f.cancel(false);
    }
    window.clear();
    if (nextNames != null) {
      nextNames.cancel(false);
    }
  }

  /** Submits chunks until the window is full or every folder is listed. */
  private void fill() {
    while (window.size() < WINDOW) {
      List<String> chunk = nextChunk();
      if (chunk == null) {
        return;
      }
      DocumentStatus s = status;
      Path dir = base.resolve(s.folderName());
      window.add(POOL.submit(() -> readChunk(dir, s, chunk)));
    }
  }

  private List<String> nextChunk() {
    while (nameIndex >= names.size()) {
      if (++statusIndex >= DocumentStatus.values().length) {
        return null;
      }
      status = DocumentStatus.values()[statusIndex];
      Future<List<String>> listing = nextNames != null ? nextNames : list(status);
      // List the next status folder while this one's documents are read.
      nextNames =
          statusIndex + 1 < DocumentStatus.values().length
              ? list(DocumentStatus.values()[statusIndex + 1])
              : null;
      names = take(listing);
      nameIndex = 0;
    }
    int end = Math.min(names.size(), nameIndex + CHUNK);
    List<String> chunk = names.subList(nameIndex, end);
    nameIndex = end;
    if (nameIndex >= names.size()) {
      names = List.of(); // let the folder's names go
      nameIndex = 0;
    }
    return chunk;
  }

  /** Lists a status folder's document ids, sorted, on the pool. */
  private Future<List<String>> list(DocumentStatus s) {
    Path dir = base.resolve(s.folderName());
    return POOL.submit(
        () -> {
          List<String> ids = new ArrayList<>();
          for (String n : FsMarkdownStore.sortedNames(dir)) {
            if (Names.isId(n)) {
              ids.add(n);
            }
          }
          return ids;
        });
  }

  private List<Result> readChunk(Path dir, DocumentStatus s, List<String> ids) throws IOException {
    List<Result> results = new ArrayList<>();
    for (String id : ids) {
      try {
        Document d = reader.read(dir.resolve(id), s, id, query);
        if (d != null) {
          results.add(new Result(d, s, null));
        }
      } catch (DocumentCorruptException e) {
        results.add(new Result(null, s, e));
      }
    }
    return results;
  }

  private static <T> T take(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while reading documents");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    }
  }
}
