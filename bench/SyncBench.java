///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS io.idflow:idflow-cli:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:1.7.36
//JAVA_OPTIONS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn

import com.sun.net.httpserver.HttpServer;
import io.idflow.cli.CliContext;
import io.idflow.cli.IdflowRoot;
import io.idflow.cli.sync.Sync;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.ToolProvider;

/**
 * Times {@code idflow sync} on 1,000 task definitions and 1,000 workflows and counts its HTTP
 * requests: a dry run, the first sync (everything created), and a second sync with nothing to do.
 *
 * <pre>
 * scripts/jbang bench/SyncBench.java [--server URL] [--tasks N] [--workflows N] [--rounds 7] [--keep]
 * </pre>
 *
 * The Conductor at URL (default http://localhost:8080) is reached through a counting proxy. The
 * task definitions come from generated {@code @WorkerTask} methods (compiled here, found by the
 * class-path scan of task discovery); the workflows are generated files, three tasks each with a
 * fork. Then a cold scripts/idflow sync --dry-run against curl fetching the same three lists, in
 * interleaved rounds. Everything is named {@code bench_<random>_...} and deleted afterwards (timed
 * apart) unless --keep.
 */
public class SyncBench {

  public static void main(String... args) throws Exception {
    String server = "http://localhost:8080";
    int tasks = 1000;
    int workflows = 1000;
    boolean keep = false;
    int rounds = 7;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server" -> server = args[++i].replaceAll("/+$", "").replaceAll("/api$", "");
        case "--tasks" -> tasks = Integer.parseInt(args[++i]);
        case "--workflows" -> workflows = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8);
    Path project = Files.createTempDirectory("sync-bench");
    Path classes = generateTasks(project, prefix, tasks);
    generateWorkflows(project, prefix, tasks, workflows);
    Files.createDirectories(project.resolve("config"));
    // Task scripts would be compiled with JBang first; the figures are about sync itself.
    Files.writeString(project.resolve("config/idflow.yml"), "tasks:\n  scripts: false\n");

    // What the server has before the run: everything else that is there after it was registered
    // by the run (the generated definitions and the core library's) and is deleted at the end.
    Set<String> before = definitions(server);
    CountingProxy proxy = new CountingProxy(server);
    // Task discovery scans the context class loader's URLs: the generated classes, and this JVM's
    // class path for the core library's task methods (idflow-content, idflow-stage).
    List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    Thread.currentThread()
        .setContextClassLoader(
            new URLClassLoader(urls.toArray(URL[]::new), SyncBench.class.getClassLoader()));
    System.out.printf(
        "sync benchmark: %d task definitions, %d workflows, Conductor %s (prefix %s)%n",
        tasks, workflows, server, prefix);
    System.out.printf("%-34s %10s %10s  %s%n", "run", "time (ms)", "requests", "by endpoint");
    try {
      run(proxy, project, "sync --dry-run", "sync", "--dry-run");
      run(proxy, project, "sync (first: creates everything)", "sync", "--yes");
      for (int i = 1; i <= 3; i++) {
        run(proxy, project, "sync (nothing to do) #" + i, "sync", "--yes");
      }
      run(proxy, project, "sync --dry-run (nothing to do)", "sync", "--dry-run");
      coldCli(server, project, rounds);
    } finally {
      if (keep) {
        System.out.println("kept the definitions in Conductor and the project in " + project);
      } else {
        long start = System.nanoTime();
        int deleted = cleanUp(server, before);
        System.out.printf(
            "%ncleanup: %d definitions deleted (one DELETE each) in %d ms%n",
            deleted, (System.nanoTime() - start) / 1_000_000);
        // The generated project (sources, classes, 1,000 workflow folders) goes too.
        try (var walk = Files.walk(project)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      proxy.stop();
    }
  }

  /**
   * A cold command line, scripts/idflow sync --dry-run in the project (its own JVM; the generated
   * task methods are not on its class path, so the 1,000 task definitions are only in Conductor
   * and nothing is to do), against curl fetching the same three lists, in interleaved rounds:
   * medians, the median of the per-round ratios and their spread, the load average around.
   */
  static void coldCli(String server, Path project, int rounds) throws Exception {
    Path launcher = Path.of("scripts", "idflow").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      System.out.println("(run from the repository root to time scripts/idflow)");
      return;
    }
    List<String> cli = List.of(launcher.toString(), "sync", "--dry-run");
    List<String> curl = new ArrayList<>(List.of("curl", "-sf"));
    for (String path : List.of("/api/metadata/taskdefs", "/api/metadata/workflow", "/api/event")) {
      curl.addAll(List.of("-o", "/dev/null", server + path));
    }
    System.out.printf(
        "%ncold command line against curl fetching the same three lists, %d interleaved rounds%n",
        rounds);
    System.out.printf("load average before: %s%n", load());
    time(cli, project, server); // the file cache; not counted
    double[] a = new double[rounds];
    double[] b = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      b[r] = time(curl, project, server);
      a[r] = time(cli, project, server);
      ratio[r] = a[r] / b[r];
    }
    Arrays.sort(ratio);
    System.out.printf("%-38s %9s%n", "command", "median s");
    System.out.printf("%-38s %9.3f%n", "scripts/idflow sync --dry-run", median(a));
    System.out.printf("%-38s %9.3f%n", "curl (the same three GETs)", median(b));
    System.out.printf(
        "ratio: median %.1fx, spread %.1fx - %.1fx%n", median(ratio), ratio[0], ratio[rounds - 1]);
    System.out.printf("load average after: %s%n", load());
  }

  static double time(List<String> command, Path dir, String server) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("IDFLOW_CONDUCTOR_URL", server);
    long start = System.nanoTime();
    int code = pb.start().waitFor();
    double s = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
    }
    return s;
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

  private static void run(CountingProxy proxy, Path project, String label, String... args) {
    proxy.reset();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            false,
            Map.of(
                "IDFLOW_CONDUCTOR_URL", proxy.url(),
                "HOME", System.getProperty("user.home"),
                "PATH", System.getenv().getOrDefault("PATH", "")),
            project);
    List<String> argv = new ArrayList<>(List.of(args));
    if (System.getenv("SYNC_BENCH_VERBOSE") != null) {
      argv.add("--verbose");
    }
    long start = System.nanoTime();
    int code =
        IdflowRoot.execute(
            IdflowRoot.withSubcommands(Sync.class, TasksCommand.class, WorkflowCommand.class),
            ctx,
            argv.toArray(String[]::new));
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (code != 0) {
      throw new IllegalStateException(label + " ended with " + code + ":\n" + out + err);
    }
    System.out.printf("%-34s %10d %10d  %s%n", label, ms, proxy.total(), proxy.byEndpoint());
    if (System.getenv("SYNC_BENCH_VERBOSE") != null) {
      System.out.print(err);
    }
  }

  /** Java source with one @WorkerTask method per task, compiled into project/classes. */
  private static Path generateTasks(Path project, String prefix, int n) throws Exception {
    Path src = project.resolve("src/bench/generated/BenchWorkers.java");
    Files.createDirectories(src.getParent());
    StringBuilder sb = new StringBuilder();
    sb.append("package bench.generated;\n")
        .append("import com.netflix.conductor.sdk.workflow.task.WorkerTask;\n")
        .append("import io.idflow.conductor.task.TaskDefinition;\n")
        .append("public class BenchWorkers {\n");
    for (int i = 0; i < n; i++) {
      sb.append("  @WorkerTask(\"").append(prefix).append("_task_").append(i).append("\")\n");
      if (i % 2 == 0) {
        sb.append("  @TaskDefinition(retryCount = 1, timeoutSeconds = 120, responseTimeoutSeconds = 60)\n");
      }
      sb.append("  public String t").append(i).append("(String in) { return in; }\n");
    }
    sb.append("}\n");
    Files.writeString(src, sb);
    Path classes = Files.createDirectories(project.resolve("classes"));
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed");
    }
    return classes;
  }

  private static void generateWorkflows(Path project, String prefix, int tasks, int n)
      throws Exception {
    for (int i = 0; i < n; i++) {
      String name = prefix + "_wf_" + i;
      String t = prefix + "_task_";
      String json =
          """
          {"name": "%s", "version": 1, "description": "benchmark workflow %d",
           "tasks": [
             {"name": "%s%d", "taskReferenceName": "a", "inputParameters": {"in": "${workflow.input.in}"}},
             {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": [
               [{"name": "%s%d", "taskReferenceName": "b", "inputParameters": {"in": "${a.output.result}"}}],
               [{"name": "%s%d", "taskReferenceName": "c", "inputParameters": {"in": "${a.output.result}"}}]]},
             {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["b", "c"]}],
           "outputParameters": {"b": "${b.output.result}", "c": "${c.output.result}"}}
          """
              .formatted(name, i, t, i % tasks, t, (i + 1) % tasks, t, (i + 2) % tasks);
      Path file = project.resolve("workflows/" + name + "/" + name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, json);
    }
  }

  /** Task definitions ("taskdef NAME") and workflow versions ("workflow NAME VERSION") on the server. */
  private static Set<String> definitions(String server) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    Set<String> out = new java.util.TreeSet<>();
    for (String kind : List.of("taskdefs", "workflow")) {
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(URI.create(server + "/api/metadata/" + kind)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("GET /api/metadata/" + kind + ": HTTP " + resp.statusCode());
      }
      for (com.fasterxml.jackson.databind.JsonNode d : json.readTree(resp.body())) {
        out.add(
            kind.equals("taskdefs")
                ? "taskdef " + d.path("name").asText()
                : "workflow " + d.path("name").asText() + " " + d.path("version").asInt(1));
      }
    }
    return out;
  }

  /**
   * Deletes every workflow version and task definition that is on the server now but was not
   * before the run (workflows first: a task definition in use may be refused); returns how many.
   */
  private static int cleanUp(String server, Set<String> before) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<String> added = new ArrayList<>(definitions(server));
    added.removeAll(before);
    added.sort(java.util.Comparator.comparing((String d) -> d.startsWith("taskdef")));
    int deleted = 0;
    for (String d : added) {
      String[] f = d.split(" ");
      String path =
          f[0].equals("taskdef")
              ? "/api/metadata/taskdefs/" + f[1]
              : "/api/metadata/workflow/" + f[1] + "/" + f[2];
      HttpResponse<Void> resp =
          http.send(
              HttpRequest.newBuilder(URI.create(server + path)).DELETE().build(),
              HttpResponse.BodyHandlers.discarding());
      if (resp.statusCode() / 100 == 2) {
        deleted++;
      } else {
        System.out.printf("cleanup: DELETE %s: HTTP %d%n", path, resp.statusCode());
      }
    }
    List<String> left = new ArrayList<>(definitions(server));
    left.removeAll(before);
    if (!left.isEmpty()) {
      System.out.printf("cleanup: %d definitions left on the server: %s%n", left.size(), left);
    }
    return deleted;
  }

  /** Forwards every request to Conductor and counts them by method and path. */
  static final class CountingProxy {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> byEndpoint = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final Set<String> HOP =
        Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");

    CountingProxy(String target) throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.createContext(
          "/",
          exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            total.incrementAndGet();
            byEndpoint.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder req =
                HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach(
                (name, values) -> {
                  if (!HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> req.header(name, v));
                  }
                });
            try {
              HttpResponse<byte[]> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
              resp.headers().map().forEach(
                  (name, values) -> {
                    if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                      exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                    }
                  });
              byte[] bytes = resp.body();
              exchange.sendResponseHeaders(resp.statusCode(), bytes.length == 0 ? -1 : bytes.length);
              if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              exchange.sendResponseHeaders(502, -1);
            } finally {
              exchange.close();
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset() {
      total.set(0);
      byEndpoint.clear();
    }

    int total() {
      return total.get();
    }

    String byEndpoint() {
      List<String> parts = new ArrayList<>();
      byEndpoint.forEach((k, v) -> parts.add(k + " x" + v.get()));
      return String.join(", ", parts);
    }

    void stop() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
