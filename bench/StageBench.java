///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//JAVA_OPTIONS -Xmx256m

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentFilter;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.stage.Requirement;
import io.idflow.api.stage.StageDefinition;
import io.idflow.cli.IdflowRoot;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.stage.StageCommand;
import java.io.PrintWriter;
import java.io.Writer;
import io.idflow.stage.RequirementChecker;
import io.idflow.stage.StageEngine;
import io.idflow.stage.StageEvaluation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Stage evaluation benchmark: N inbox documents and five stage definitions whose requirements no
 * document meets (attribute checks, list checks, a stages requirement, file presence). Each round
 * runs, one right after the other in the same JVM, the two commands themselves through {@code
 * IdflowRoot.run} (the code {@code idflow} runs, output into a writer that keeps only its tail):
 * (A) {@code idflow stage evaluate --dry-run}, whose report and summary are checked (every document
 * evaluated, no stage to start), and (B) {@code idflow doc list --filter tags=nomatch} over the same
 * documents. Prints per round the two times and their ratio, then the median ratio and its spread,
 * with the load average before and after.
 *
 * <p>With {@code --breakdown} it then times the parts of (A) separately, interleaved the same way:
 * the inbox listing alone, listing plus {@code stages()} (reads each document's stage folder), plus
 * {@code copy()}, the full evaluation, the evaluation of documents already in memory (requirement
 * checking alone) and loading the stage definitions.
 *
 * <pre>
 * scripts/jbang bench/StageBench.java [--docs 10000] [--dir target/bench-stage] [--rounds 10]
 *     [--warmup 3] [--breakdown]
 * </pre>
 *
 * The documents are kept in --dir and reused by later runs of the same size.
 */
public class StageBench {

  static final String LISTING_FILTER = "tags=nomatch";

  public static void main(String... args) throws Exception {
    int n = 10_000;
    Path root = Path.of("target", "bench-stage");
    int rounds = 10;
    int warmup = 3;
    boolean breakdown = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--docs" -> n = Integer.parseInt(args[++i]);
        case "--dir" -> root = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--breakdown" -> breakdown = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path project = root.resolve("n" + n).toAbsolutePath();
    System.out.printf(
        Locale.ROOT,
        "StageBench: %,d inbox documents, 5 stage definitions, %d rounds after %d warm-up"
            + " rounds; %d processors, max heap %d MB, Java %s%n",
        n,
        rounds,
        warmup,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    writeProject(project);
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    switchOffCoreStages(config, project);
    generate(config, project, n);
    try (DocumentStore store =
        DocumentStores.open(config, DocumentStores.Options.defaults().withListeners(false))) {
      checkSetUp(config, store, n);
      comparison(project, n, rounds, warmup);
      if (breakdown) {
        breakdown(config, store, n, rounds, warmup);
      }
    }
  }

  // ---- the project

  /**
   * The configuration and five definitions; every document fails each, some only at their last
   * check.
   */
  static void writeProject(Path project) throws Exception {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(
        project.resolve("config/idflow.yml"), "base_dir: data\nfs_markdown:\n  fsync: false\n");
    Map<String, String> stages = new LinkedHashMap<>();
    stages.put(
        "a_attributes",
        """
        name: bench_attributes
        workflows: [{name: bench_never}]
        requirements:
          attribute_checks:
            - {attribute: title, operator: CP, value: "Report *"}
            - {attribute: score, operator: GTE, value: 0}
            - {attribute: priority, operator: GT, value: 2}
        """);
    stages.put(
        "b_lists",
        """
        name: bench_lists
        workflows: [{name: bench_never}]
        requirements:
          list_checks:
            - {attribute: tags, operator: NOT_HAS, value: nomatch}
            - {attribute: tags, operator: HAS, value: INVOICE, case_sensitive: false}
        """);
    stages.put(
        "c_stages",
        """
        name: bench_stages
        workflows: [{name: bench_never}]
        requirements:
          stages:
            bench_attributes: {status: done}
        """);
    stages.put(
        "d_files",
        """
        name: bench_files
        workflows: [{name: bench_never}]
        requirements:
          file_presence: {key: pdf, count: 1, count_operator: ">="}
        """);
    stages.put(
        "e_mixed",
        """
        name: bench_mixed
        workflows: [{name: bench_never}]
        requirements:
          attribute_checks:
            - {attribute: status, operator: EQ, value: inbox}
            - {attribute: meta.source.kind, operator: NE, value: fax}
            - {attribute: meta.owner, operator: EQ, value: mallory}
          list_checks:
            - {attribute: tags, operator: HAS, value: llm}
        """);
    Path dir = project.resolve("stages");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : stages.entrySet()) {
      Files.writeString(dir.resolve(e.getKey() + ".yml"), e.getValue());
    }
  }

  /**
   * The core library's stages apply to every project; the benchmark measures its own five, so the
   * project switches the others off the way a user would (a file of the same name, active: false).
   */
  static void switchOffCoreStages(IdflowConfig config, Path project) throws Exception {
    for (StageDefinition d :
        io.idflow.api.stage.StageCatalog.load(io.idflow.api.resource.ResourceResolver.forConfig(config))
            .active()) {
      if (!d.name().startsWith("bench_")) {
        Files.writeString(
            project.resolve("stages/zz_off_" + d.name() + ".yml"),
            "name: " + d.name() + "\nactive: false\n");
      }
    }
  }

  /** Creates N inbox documents once (a marker file tells a finished data set); no listeners. */
  static void generate(IdflowConfig config, Path project, int n) throws Exception {
    Path marker = project.resolve(".generated");
    if (Files.exists(marker) && Files.readString(marker).strip().equals(String.valueOf(n))) {
      return;
    }
    Random random = new Random(n);
    String[] owners = {"alice", "bob", "carol", "dave"};
    long start = System.nanoTime();
    try (DocumentStore store =
        DocumentStores.open(config, DocumentStores.Options.defaults().withListeners(false))) {
      for (int i = 0; i < n; i++) {
        Document d = Document.create();
        d.put("title", "Report " + i + " on " + owners[random.nextInt(4)] + "'s topic");
        d.put("priority", String.format(Locale.ROOT, "%.2f", random.nextDouble()));
        d.put("score", random.nextInt(1000));
        d.putPath("meta.owner", owners[random.nextInt(4)]);
        d.putPath("meta.source.kind", random.nextBoolean() ? "web" : "upload");
        d.put("tags", List.of("t" + random.nextInt(20), random.nextBoolean() ? "llm" : "ocr"));
        if (random.nextInt(4) == 0) {
          d.put("review", Map.of("done", random.nextBoolean(), "by", owners[random.nextInt(4)]));
        }
        d.setBody(
            "# Report "
                + i
                + "\n\n"
                + "Some findings about the topic. ".repeat(1 + random.nextInt(20)));
        store.create(d);
        if ((i + 1) % 5_000 == 0) {
          System.out.printf("  generated %,d documents%n", i + 1);
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "generated %,d documents in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    Files.writeString(marker, String.valueOf(n));
  }

  /** Fails unless the definitions load, every document is inbox and no stage would start. */
  static void checkSetUp(IdflowConfig config, DocumentStore store, int n) {
    try (StageEngine engine = StageEngine.forConfig(config)) {
      if (!engine.problems().isEmpty()) {
        throw new IllegalStateException("stage definition problems: " + engine.problems());
      }
      List<String> names = engine.active().stream().map(StageDefinition::name).toList();
      if (names.size() != 5) {
        throw new IllegalStateException("expected 5 active stages, got " + names);
      }
      long[] inbox = new long[1];
      long[] created = new long[1];
      try (Stream<Document> docs = store.where(inboxQuery())) {
        docs.forEach(
            d -> {
              inbox[0]++;
              created[0] += engine.evaluate(d.copy(), null, false).created().size();
            });
      }
      if (inbox[0] != n || created[0] != 0) {
        throw new IllegalStateException(
            inbox[0] + " inbox documents (expected " + n + "), " + created[0] + " stages created");
      }
      System.out.printf("stages: %s; no document meets any of them%n", String.join(", ", names));
    }
  }

  static DocumentQuery inboxQuery() {
    return DocumentQuery.all().withStatuses(Set.of(DocumentStatus.INBOX));
  }

  // ---- the runs

  /** One timed run: its wall and process CPU nanoseconds, and a count to check. */
  record Sample(long wallNanos, long cpuNanos, long count) {}

  interface Run {
    long run() throws Exception;
  }

  static Sample time(Run run) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    long count = run.run();
    return new Sample(System.nanoTime() - start, os.getProcessCpuTime() - cpu, count);
  }

  /** A writer that keeps only the last few kilobytes written, to check a command's summary. */
  static final class Tail extends Writer {
    private final StringBuilder tail = new StringBuilder();

    @Override
    public void write(char[] buf, int off, int len) {
      tail.append(buf, off, len);
      if (tail.length() > 16_384) {
        tail.delete(0, tail.length() - 4_096);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return tail.toString();
    }
  }

  /** Runs an idflow command in this JVM; fails unless it exits 0. Returns its output's tail. */
  static String idflow(Path project, String... args) {
    Tail out = new Tail();
    Tail err = new Tail();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(project.resolve("config/idflow.yml").toString());
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code =
          IdflowRoot.execute(
              IdflowRoot.withSubcommands(new DocCommand(), new StageCommand()),
              o,
              e,
              all.toArray(String[]::new));
      o.flush();
      e.flush();
    }
    if (code != 0) {
      throw new IllegalStateException("idflow " + all + " exited " + code + ": " + err);
    }
    return out.toString();
  }

  /** (A) {@code idflow stage evaluate --dry-run}; returns the documents evaluated. */
  static long evaluateAll(Path project) {
    String out = idflow(project, "stage", "evaluate", "--dry-run");
    if (!out.contains("Stages to start: 0")) {
      throw new IllegalStateException("stages would start: " + out);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("Documents evaluated: (\\d+)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no summary in the output: " + out);
    }
    return Long.parseLong(m.group(1));
  }

  /** (B) {@code idflow doc list --filter tags=nomatch}; returns the documents listed (none). */
  static long listing(Path project) {
    return idflow(project, "doc", "list", "--filter", LISTING_FILTER).lines().count();
  }

  static void comparison(Path project, int n, int rounds, int warmup) throws Exception {
    for (int i = 0; i < warmup; i++) {
      evaluateAll(project);
      listing(project);
    }
    String loadBefore = loadAverage();
    System.out.printf("%nload average before: %s%n", loadBefore);
    System.out.printf(
        "%6s %14s %14s %8s %14s %14s%n",
        "round", "evaluate ms", "listing ms", "ratio", "evaluate cpu", "listing cpu");
    List<Double> ratios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    List<Long> evalMs = new ArrayList<>();
    List<Long> listMs = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      Sample a = time(() -> evaluateAll(project));
      Sample b = time(() -> listing(project));
      if (a.count() != n || b.count() != 0) {
        throw new IllegalStateException(
            "evaluated " + a.count() + " documents, listing matched " + b.count());
      }
      double ratio = (double) a.wallNanos() / b.wallNanos();
      ratios.add(ratio);
      cpuRatios.add((double) a.cpuNanos() / b.cpuNanos());
      evalMs.add(a.wallNanos() / 1_000_000);
      listMs.add(b.wallNanos() / 1_000_000);
      System.out.printf(
          Locale.ROOT,
          "%6d %14d %14d %8.2f %14d %14d%n",
          r,
          a.wallNanos() / 1_000_000,
          b.wallNanos() / 1_000_000,
          ratio,
          a.cpuNanos() / 1_000_000,
          b.cpuNanos() / 1_000_000);
    }
    String loadAfter = loadAverage();
    System.out.printf("load average after:  %s%n", loadAfter);
    System.out.printf(
        Locale.ROOT,
        "%nevaluate (dry run) / listing (%s), %,d documents, %d rounds:%n"
            + "  median ratio %.2f (min %.2f, max %.2f); CPU time ratio median %.2f%n"
            + "  median evaluate %d ms (%,.0f docs/s), median listing %d ms (%,.0f docs/s)%n"
            + "  target: at most 2x the listing -> %s%n",
        LISTING_FILTER,
        n,
        rounds,
        median(ratios),
        Collections.min(ratios),
        Collections.max(ratios),
        median(cpuRatios),
        medianLong(evalMs),
        n / (medianLong(evalMs) / 1000.0),
        medianLong(listMs),
        n / (medianLong(listMs) / 1000.0),
        median(ratios) <= 2.0 ? "met" : "MISSED");
  }

  /**
   * The parts of the evaluation, each timed once per round, the rounds interleaved: what the
   * listing costs alone, what reading each document's stage folder ({@code stages()}, which {@code
   * copy()} and the evaluation call) and the copy add, and, on documents already in memory, the
   * evaluation, the requirement checks alone, and the requirement summaries that {@code
   * RequirementChecker.check} builds for every requirement it checks, met or not.
   */
  static void breakdown(IdflowConfig config, DocumentStore store, int n, int rounds, int warmup)
      throws Exception {
    // Documents in memory with their (empty) stage lists loaded.
    List<Document> loaded = new ArrayList<>(n);
    try (Stream<Document> docs = store.where(inboxQuery())) {
      docs.forEach(
          d -> {
            d.stages();
            loaded.add(d);
          });
    }
    StageEngine warm = StageEngine.forConfig(config);
    List<StageDefinition> defs = warm.active();
    RequirementChecker checker = new RequirementChecker(name -> false);
    // The requirements check() goes through per document: up to the first one not met.
    List<List<Requirement>> checked = new ArrayList<>(n);
    for (Document d : loaded) {
      List<Requirement> seen = new ArrayList<>();
      for (StageDefinition def : defs) {
        for (Requirement r : def.requirements().all()) {
          seen.add(r);
          if (!checker.check(d, r).met()) {
            break;
          }
        }
      }
      checked.add(seen);
    }
    Map<String, Run> parts = new LinkedHashMap<>();
    parts.put("list inbox (no filter)", () -> count(store.where(inboxQuery())));
    parts.put(
        "list " + LISTING_FILTER,
        () -> {
          try (Stream<Document> docs =
              store.where(List.of(DocumentFilter.parse(LISTING_FILTER)))) {
            return docs.count();
          }
        });
    parts.put(
        "list inbox + stages()",
        () -> {
          try (Stream<Document> docs = store.where(inboxQuery())) {
            return docs.mapToLong(d -> d.stages().size() + 1).sum();
          }
        });
    parts.put(
        "list inbox + copy()",
        () -> {
          try (Stream<Document> docs = store.where(inboxQuery())) {
            return docs.map(Document::copy).count();
          }
        });
    parts.put(
        "evaluate (one thread, in the store)",
        () -> {
          long count = 0;
          try (StageEngine engine = StageEngine.forConfig(config);
              Stream<Document> docs = store.where(inboxQuery())) {
            for (Document d : (Iterable<Document>) docs::iterator) {
              engine.evaluate(d.copy(), null, false);
              count++;
            }
          }
          return count;
        });
    parts.put(
        "in memory: copy + evaluate",
        () -> {
          long c = 0;
          for (Document d : loaded) {
            c += warm.evaluate(d.copy(), null, false).decisions().size();
          }
          return c;
        });
    parts.put(
        "in memory: copy()",
        () -> {
          long c = 0;
          for (Document d : loaded) {
            c += d.copy().stages().size() + 1;
          }
          return c;
        });
    parts.put(
        "in memory: requirement checks",
        () -> {
          long c = 0;
          for (Document d : loaded) {
            for (StageDefinition def : defs) {
              c += checker.check(d, def).met() ? 1 : 0;
            }
          }
          return c;
        });
    parts.put(
        "in memory: requirement summaries",
        () -> {
          long c = 0;
          for (List<Requirement> rs : checked) {
            for (Requirement r : rs) {
              c += r.summary().length();
            }
          }
          return c;
        });
    parts.put(
        "load definitions",
        () -> {
          try (StageEngine engine = StageEngine.forConfig(config)) {
            return engine.active().size();
          }
        });
    for (int i = 0; i < warmup; i++) {
      for (Run run : parts.values()) {
        run.run();
      }
    }
    Map<String, List<Long>> wall = new LinkedHashMap<>();
    Map<String, List<Long>> cpu = new LinkedHashMap<>();
    parts.keySet().forEach(k -> wall.put(k, new ArrayList<>()));
    parts.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
    String loadBefore = loadAverage();
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Run> e : parts.entrySet()) {
        Sample s = time(e.getValue());
        wall.get(e.getKey()).add(s.wallNanos() / 1000);
        cpu.get(e.getKey()).add(s.cpuNanos() / 1000);
      }
    }
    String loadAfter = loadAverage();
    warm.close();
    int summaries = checked.stream().mapToInt(List::size).sum();
    System.out.printf(
        "%nbreakdown, %d rounds interleaved (load average %s before, %s after);"
            + " %,d requirement summaries built per evaluation of all documents:%n",
        rounds, loadBefore, loadAfter, summaries);
    System.out.printf(
        "  %-34s %10s %10s %10s %11s %9s%n",
        "part", "median ms", "min ms", "max ms", "median cpu", "us/doc");
    for (String k : parts.keySet()) {
      double cpuMs = medianLong(cpu.get(k)) / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "  %-34s %10.1f %10.1f %10.1f %11.1f %9.1f%n",
          k,
          medianLong(wall.get(k)) / 1000.0,
          Collections.min(wall.get(k)) / 1000.0,
          Collections.max(wall.get(k)) / 1000.0,
          cpuMs,
          medianLong(wall.get(k)) / (double) n);
    }
    System.out.println(
        "  (cpu: the whole process, the listing's reader threads included, in steps of the"
            + " OS's tick; us/doc: median wall time per document)");
  }

  static long count(Stream<Document> docs) {
    try (docs) {
      return docs.count();
    }
  }

  // ---- figures

  static String loadAverage() throws Exception {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  static long medianLong(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }
}
