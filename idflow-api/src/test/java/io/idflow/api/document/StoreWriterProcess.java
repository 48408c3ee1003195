package io.idflow.api.document;

import io.idflow.api.document.internal.FsMarkdownStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A separate JVM that writes one document, for the tests that need a second process: {@code
 * increment BASE ID TIMES THREADS} adds 1 to {@code n} and a line to {@code log} TIMES times on
 * each of THREADS threads, once it read a line from stdin (after printing {@code ready}); {@code
 * churn BASE ID} rewrites the document (a large body, a status change every time) until it is
 * killed, printing the value of {@code n} after each write.
 */
public final class StoreWriterProcess {

  private StoreWriterProcess() {}

  /** The command line to start this class with the test class path. */
  static List<String> command(String... args) {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(StoreWriterProcess.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A document body whose every line names the write that produced it. */
  static String body(int n) {
    return ("write " + n + " of the churning writer, padded to make the file large enough\n")
        .repeat(400);
  }

  /** The status the churning writer gives write n. */
  static DocumentStatus status(int n) {
    return DocumentStatus.values()[n % 3];
  }

  public static void main(String[] args) throws Exception {
    FsMarkdownStore store = new FsMarkdownStore(Path.of(args[1]), false, System.err::println);
    String id = args[2];
    switch (args[0]) {
      case "increment" -> {
        // Start together with the other writers: say so, then wait for the go.
        System.out.println("ready");
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        increment(store, id, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.exit(0);
      }
      case "churn" -> churn(store, id);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static void increment(DocumentStore store, String id, int times, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    String who = ProcessHandle.current().pid() + "";
    for (int t = 0; t < threads; t++) {
      String name = who + "-" + t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < times; i++) {
                  String entry = name + "-" + i;
                  store.update(
                      id,
                      d -> {
                        Object n = d.get("n");
                        d.put("n", n == null ? 1 : (Integer) n + 1);
                        d.appendPath("log", entry);
                      });
                }
                return null;
              }));
    }
    try {
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void churn(DocumentStore store, String id) throws IOException {
    while (true) {
      Document d =
          store.update(
              id,
              doc -> {
                int n = (Integer) doc.get("n") + 1;
                doc.put("n", n);
                doc.setBody(body(n));
                doc.setStatus(status(n));
              });
      System.out.println(d.get("n"));
      System.out.flush();
    }
  }
}
