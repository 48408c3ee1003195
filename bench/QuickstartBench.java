///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.fasterxml.jackson.core:jackson-databind:2.17.2

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warm quickstart: runs {@code scripts/idflow quickstart --output json} in one project folder
 * several times (the first run, not counted, installs what is missing and builds the task scripts)
 * and prints, per run, the time of each step as the command measured it (server, sync, workers,
 * pipeline), its own total, and the wall time of the whole command line (JVM start included).
 * Then the median of each column. Target: a warm run under 45 s.
 *
 * <pre>
 * scripts/jbang bench/QuickstartBench.java [--runs 3] [--port 8080] [--dir target/bench-quickstart]
 *     [--server URL] [--in PROJECT]
 * </pre>
 *
 * <p>{@code --in} runs the command in an existing project (e.g. a copy of examples/blog) instead
 * of the quickstart folder {@code --dir}.
 *
 * Without {@code --server} every run starts the local Conductor on the port and stops it at the
 * end, as a new user's quickstart does; with it the runs use that server.
 */
public class QuickstartBench {

  public static void main(String... args) throws Exception {
    int runs = 3;
    int port = 8080;
    Path dir = Path.of("target/bench-quickstart");
    String server = null;
    Path in = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--server" -> server = args[++i];
        case "--in" -> in = Path.of(args[++i]).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("scripts/idflow"))) {
      root = root.getParent();
      if (root == null) {
        throw new IllegalStateException("run it from the idflow clone");
      }
    }
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);
    String url = server != null ? server : "http://localhost:" + port;
    ObjectMapper json = new ObjectMapper();
    String[] columns = {"serverMs", "syncMs", "workersMs", "pipelineMs", "totalMs"};
    List<long[]> rows = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "%-8s %8s %8s %8s %9s %8s %8s  %s%n",
        "run", "server", "sync", "workers", "pipeline", "total", "wall", "stage runs");
    for (int run = 0; run <= runs; run++) {
      List<String> cmd = new ArrayList<>();
      cmd.add(root.resolve("scripts/idflow").toString());
      cmd.addAll(List.of("quickstart", "--output", "json", "--plain", "--dir", dir.toString()));
      if (server != null) {
        cmd.addAll(List.of("--server", server));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(new File("/dev/null"));
      if (in != null) {
        pb.directory(in.toFile());
      }
      pb.environment().put("IDFLOW_CONDUCTOR_URL", url);
      long start = System.nanoTime();
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      int exit = p.waitFor();
      long wall = (System.nanoTime() - start) / 1_000_000;
      if (exit != 0) {
        throw new IllegalStateException("quickstart ended with exit " + exit + ":\n" + out);
      }
      JsonNode r = json.readTree(out);
      long[] row = new long[columns.length + 1];
      for (int c = 0; c < columns.length; c++) {
        row[c] = r.path("steps").path(columns[c]).asLong();
      }
      row[columns.length] = wall;
      int stages = 0;
      for (JsonNode d : r.path("documents")) {
        stages += d.path("stages").size();
      }
      System.out.printf(
          Locale.ROOT,
          "%-8s %8s %8s %8s %9s %8s %8s  %d%n",
          run == 0 ? "warm-up" : "#" + run,
          s(row[0]), s(row[1]), s(row[2]), s(row[3]), s(row[4]), s(row[5]),
          stages);
      if (run > 0) {
        rows.add(row);
      }
    }
    long[] median = new long[columns.length + 1];
    for (int c = 0; c < median.length; c++) {
      final int col = c;
      List<Long> values = new ArrayList<>(rows.stream().map(r -> r[col]).toList());
      values.sort(null);
      median[c] = values.get(values.size() / 2);
    }
    System.out.printf(
        Locale.ROOT,
        "%-8s %8s %8s %8s %9s %8s %8s%n",
        "median", s(median[0]), s(median[1]), s(median[2]), s(median[3]), s(median[4]),
        s(median[5]));
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
    System.out.printf(Locale.ROOT, "load average at the end: %.1f%n", load);
  }

  private static String s(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
