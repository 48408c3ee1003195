///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//JAVA_OPTIONS -Xmx256m

import io.idflow.cli.CliContext;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.IdflowRoot;
import io.idflow.api.document.DocRef;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentFilter;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.internal.FsMarkdownStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The document store's benchmark: generates N documents with varied frontmatter, then times a
 * filtered listing: the store's where() and the doc list command in this JVM; scripts/idflow doc
 * list as a separate process (the launcher starts one JVM, not JBang's) with a 24 MB heap; and
 * scripts/idflow doc list against grep -rlE over the same files, in interleaved rounds (the
 * ratio's median and spread, the load average before and after). Prints wall and CPU seconds,
 * documents per second and the peak heap of each in-process run.
 *
 * <pre>
 * scripts/jbang bench/DocStoreBench.java [--docs 20000] [--dir target/bench-docs] [--runs 3]
 *     [--rounds 7] [--no-script]
 * </pre>
 *
 * Data sets are kept in --dir and reused by later runs (generating 100k documents takes a while).
 */
public class DocStoreBench {

  /**
   * Filters that match the same share of the documents at every size (the values are drawn at
   * random, not from the document's number): a quarter, a tenth, a quarter.
   */
  static final List<String> FILTERS =
      List.of("title=Report * on alice*", "priority=>0.9", "meta.owner=alice");

  /**
   * The floor: {@code grep -rlE} over the same doc.md files with a pattern that finds the same
   * documents in the files as written (a line of the frontmatter).
   */
  static final Map<String, String> GREP =
      Map.of(
          "title=Report * on alice*", "^title: .?Report [0-9]+ on alice",
          "priority=>0.9", "^priority: .?(0\\.9[1-9]|1\\.00)",
          "meta.owner=alice", "^  owner: alice$");

  public static void main(String... args) throws Exception {
    List<Integer> sizes = List.of(20_000);
    Path root = Path.of("target", "bench-docs");
    int runs = 3;
    int rounds = 7;
    boolean script = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--docs" -> sizes = Stream.of(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--dir" -> root = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--no-script" -> script = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.out.printf(
        "DocStoreBench: %d processors, max heap %d MB, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    for (int n : sizes) {
      Path project = root.resolve("n" + n).toAbsolutePath();
      generate(project, n);
      FsMarkdownStore store = new FsMarkdownStore(project.resolve("data"), false, w -> {});
      System.out.printf("%n%,d documents in %s%n", n, project);
      System.out.printf(
          "  %-18s %-20s %8s %8s %8s %10s %10s%n",
          "filter", "how", "matches", "wall s", "cpu s", "docs/s", "peak heap");
      for (String f : FILTERS) {
        for (int r = 1; r <= runs; r++) {
          long[] count = new long[1];
          measure(
              f,
              "where() run " + r,
              n,
              () -> {
                try (Stream<Document> docs = store.where(List.of(DocumentFilter.parse(f)))) {
                  count[0] = docs.count();
                }
                return count[0];
              });
        }
        measure(f, "doc list in-process", n, () -> cli(project, f));
      }
      if (script) {
        // The same listing in a heap far smaller than the documents: memory does not grow with N.
        script(project, FILTERS.get(0), n, "24m");
        compare(project, n, rounds);
      }
    }
  }

  /**
   * scripts/idflow doc list --filter F against grep -rlE over the same files, in interleaved
   * rounds (grep, idflow, grep, idflow, ...): the median of the per-round ratios, their spread,
   * and the load average before and after.
   */
  static void compare(Path project, int n, int rounds) throws Exception {
    Path launcher = Path.of("scripts", "idflow").toAbsolutePath();
    System.out.printf(
        "%n  scripts/idflow doc list --filter F  vs  grep -rlE over the same doc.md files,"
            + " %d interleaved rounds%n",
        rounds);
    System.out.printf("  load average before: %s%n", load());
    System.out.printf(
        "  %-26s %8s %8s %9s %9s %13s %17s%n",
        "filter", "idflow", "grep", "idflow s", "grep s", "ratio median", "ratio spread");
    for (String f : FILTERS) {
      List<String> idflow = List.of(launcher.toString(), "doc", "list", "--filter", f);
      List<String> grep =
          List.of("grep", "-rlE", "--include=doc.md", GREP.get(f), project.resolve("data").toString());
      long[] lines = new long[2];
      double[] a = new double[rounds];
      double[] b = new double[rounds];
      double[] ratio = new double[rounds];
      run(grep, project, lines, 1); // warms the file cache; not counted
      for (int r = 0; r < rounds; r++) {
        b[r] = run(grep, project, lines, 1);
        a[r] = run(idflow, project, lines, 0);
        ratio[r] = a[r] / b[r];
      }
      Arrays.sort(ratio);
      System.out.printf(
          "  %-26s %8d %8d %9.3f %9.3f %12.1fx %7.1fx - %5.1fx%n",
          f, lines[0], lines[1], median(a), median(b), median(ratio), ratio[0], ratio[rounds - 1]);
    }
    System.out.printf("  load average after: %s%n", load());
  }

  /** Wall seconds of a command; counts the lines it printed into lines[slot]. */
  static double run(List<String> command, Path dir, long[] lines, int slot) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process p = pb.start();
    long count = 0;
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[65536];
      int r;
      while ((r = in.read(buf)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            count++;
          }
        }
      }
    }
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
    }
    lines[slot] = count;
    return seconds;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static String load() throws java.io.IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  /** Creates N documents (once; a marker file tells a finished data set). */
  static void generate(Path project, int n) throws Exception {
    Path marker = project.resolve(".generated");
    if (Files.exists(marker) && Files.readString(marker).strip().equals(String.valueOf(n))) {
      return;
    }
    Files.createDirectories(project.resolve("config"));
    Files.writeString(
        project.resolve("config/idflow.yml"), "base_dir: data\nfs_markdown:\n  fsync: false\n");
    FsMarkdownStore store = new FsMarkdownStore(project.resolve("data"), false, w -> {});
    Random random = new Random(n);
    String[] owners = {"alice", "bob", "carol", "dave"};
    List<String> ids = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Document d =
          Document.create()
              .setStatus(DocumentStatus.values()[random.nextInt(100) < 60 ? 0 : random.nextInt(5)]);
      d.put("title", "Report " + i + " on " + owners[random.nextInt(4)] + "'s topic");
      d.put("priority", String.format(Locale.ROOT, "%.2f", random.nextDouble()));
      d.put("score", random.nextInt(1000));
      d.putPath("meta.owner", owners[random.nextInt(4)]);
      d.putPath("meta.source.kind", random.nextBoolean() ? "web" : "upload");
      d.put("tags", List.of("t" + random.nextInt(20), random.nextBoolean() ? "llm" : "ocr"));
      if (random.nextInt(4) == 0) {
        d.put("review", Map.of("done", random.nextBoolean(), "by", owners[random.nextInt(4)]));
      }
      if (!ids.isEmpty() && random.nextInt(3) == 0) {
        d.addDocRef(new DocRef("source", ids.get(random.nextInt(ids.size()))));
      }
      d.setBody("# Report " + i + "\n\n" + "Some findings about the topic. ".repeat(1 + random.nextInt(20)));
      ids.add(store.create(d).id());
      if ((i + 1) % 10_000 == 0) {
        System.out.printf("  generated %,d documents%n", i + 1);
      }
    }
    System.out.printf(
        "generated %,d documents in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    Files.writeString(marker, String.valueOf(n));
  }

  interface Run {
    long run() throws Exception;
  }

  /**
   * Runs once after a GC, printing matches, wall and CPU time (all threads of this JVM, the JIT
   * compiler's included), documents per wall second and the peak heap.
   */
  static void measure(String filter, String how, int n, Run run) throws Exception {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    long matches = run.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(
        "  %-18s %-20s %8d %8.3f %8.3f %,10.0f %7d MB%n",
        filter, how, matches, seconds, cpuSeconds, n / seconds, peak >> 20);
  }

  /** idflow doc list --filter F in this JVM, counting the lines it prints. */
  static long cli(Path project, String filter) {
    CountingStream counter = new CountingStream();
    PrintWriter out = new PrintWriter(counter);
    PrintWriter err = new PrintWriter(System.err, true);
    CliContext ctx =
        new CliContext(out, err, InputStream.nullInputStream(), false, Map.of(), project);
    int code =
        IdflowRoot.execute(
            IdflowRoot.withSubcommands(DocCommand.class), ctx, "doc", "list", "--filter", filter);
    out.flush();
    if (code != 0) {
      throw new IllegalStateException("doc list exited with " + code);
    }
    return counter.lines;
  }

  /**
   * scripts/idflow doc list --filter F as a process (the JVM's start included); its CPU time (user
   * and system, all its processes) comes from bash's {@code times}.
   */
  static void script(Path project, String filter, int n, String heap) throws Exception {
    Path launcher = Path.of("scripts", "idflow").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      System.out.println("  (run from the repository root to time scripts/idflow)");
      return;
    }
    Path errors = Files.createTempFile("docstorebench", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                "-c",
                "\"$0\" \"$@\" 2>\"$BENCH_ERRORS\"; s=$?; times >&2; exit $s",
                launcher.toString(),
                "doc",
                "list",
                "--filter",
                filter)
            .directory(project.toFile());
    pb.environment().put("BENCH_ERRORS", errors.toString());
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Xmx" + heap);
    long start = System.nanoTime();
    Process p = pb.start();
    long lines = 0;
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[65536];
      int r;
      while ((r = in.read(buf)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    String times = new String(p.getErrorStream().readAllBytes()).strip();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      System.err.print(Files.readString(errors));
      throw new IllegalStateException("scripts/idflow doc list exited with " + code);
    }
    Files.delete(errors);
    // times prints the shell's own and then its children's "user system", e.g. "0m1.2s 0m0.3s".
    String[] children = times.lines().reduce((a, b) -> b).orElse("").trim().split("\\s+");
    double cpuSeconds = children.length == 2 ? seconds(children[0]) + seconds(children[1]) : -1;
    System.out.printf(
        "  %-18s %-20s %8d %8.3f %8.3f %,10.0f %10s%n",
        filter, "scripts/idflow", lines, seconds, cpuSeconds, n / seconds, "-Xmx" + heap);
  }

  /** Seconds of bash's {@code 1m2.345s}. */
  static double seconds(String time) {
    int m = time.indexOf('m');
    return Double.parseDouble(time.substring(0, m)) * 60
        + Double.parseDouble(time.substring(m + 1, time.length() - 1));
  }

  /** Counts newlines and discards the rest. */
  static final class CountingStream extends java.io.Writer {
    long lines;

    @Override
    public void write(char[] cbuf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (cbuf[i] == '\n') {
          lines++;
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
