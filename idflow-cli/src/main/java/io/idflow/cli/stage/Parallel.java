package io.idflow.cli.stage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/** Maps a stream on every core and hands the results on in the stream's order. */
final class Parallel {

  private static final int CHUNK = 64;

  private Parallel() {}

  /**
   * Applies {@code work} to each element on a pool of one thread per core, in chunks, with a
   * bounded number of chunks in flight, and gives the results to {@code sink} on the calling thread
   * in the stream's order. The first exception thrown by {@code work} is rethrown here.
   */
  static <T, R> void orderedMap(Stream<T> source, Function<T, R> work, Consumer<R> sink) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "idflow-evaluate");
              t.setDaemon(true);
              return t;
            });
    ArrayDeque<Future<List<R>>> window = new ArrayDeque<>();
    int inFlight = threads * 4;
    try {
      Iterator<T> it = source.iterator();
      List<T> chunk = new ArrayList<>(CHUNK);
      while (it.hasNext()) {
        chunk.add(it.next());
        if (chunk.size() == CHUNK) {
          window.add(submit(pool, chunk, work));
          chunk = new ArrayList<>(CHUNK);
          while (window.size() >= inFlight) {
            take(window.poll()).forEach(sink);
          }
        }
      }
      if (!chunk.isEmpty()) {
        window.add(submit(pool, chunk, work));
      }
      while (!window.isEmpty()) {
        take(window.poll()).forEach(sink);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T, R> Future<List<R>> submit(
      ExecutorService pool, List<T> chunk, Function<T, R> work) {
    return pool.submit(
        () -> {
          List<R> out = new ArrayList<>(chunk.size());
          for (T t : chunk) {
            out.add(work.apply(t));
          }
          return out;
        });
  }

  private static <R> List<R> take(Future<List<R>> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
