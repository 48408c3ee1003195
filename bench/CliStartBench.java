///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's start-up against the JVM's: runs {@code java -version}, {@code scripts/idflow
 * --version}, {@code scripts/idflow --help} and {@code scripts/idflow doc list} (in an empty
 * project) in interleaved rounds (A, B, C, D, A, B, ...), so that the load of the machine weighs
 * on all of them alike, and prints per command the median wall time, and the median of the
 * per-round ratios to {@code java -version} with their spread (lowest and highest), and the load
 * average before and after.
 *
 * <pre>
 * scripts/jbang bench/CliStartBench.java [--rounds 15] [--launcher scripts/idflow] [--java PATH]
 * </pre>
 *
 * Run it from the repository root after one {@code scripts/idflow --version} (the first call
 * installs and makes the class-data archive; it is not timed here). The {@code java -version}
 * compared is that of the java the launcher runs idflow with (the first word of its kept command
 * line, {@code target/idflow-launch/args}), so that like is compared with like; {@code --java}
 * names another. The output names it.
 */
public class CliStartBench {

  public static void main(String... args) throws Exception {
    int rounds = 15;
    Path launcher = Path.of("scripts", "idflow");
    String jvm = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--launcher" -> launcher = Path.of(args[++i]);
        case "--java" -> jvm = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    String idflow = launcher.toAbsolutePath().toString();
    Path empty = Files.createTempDirectory("cli-start-bench");
    if (jvm == null) {
      // One untimed call makes the kept command line when it is missing; its first word is the java.
      time(List.of(idflow, "--version"), empty);
      Path kept =
          launcher.toAbsolutePath().getParent().getParent().resolve("target/idflow-launch/args");
      jvm = Files.readString(kept).split("\0", 2)[0];
    }
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("java -version", List.of(jvm, "-version"));
    commands.put("idflow --version", List.of(idflow, "--version"));
    commands.put("idflow --help", List.of(idflow, "--help"));
    commands.put("idflow doc list (empty)", List.of(idflow, "doc", "list"));
    try {
      String before = load();
      // One untimed round: the file cache, and a failing command stops the benchmark early.
      for (List<String> c : commands.values()) {
        time(c, empty);
      }
      Map<String, double[]> seconds = new LinkedHashMap<>();
      commands.keySet().forEach(k -> seconds.put(k, new double[0]));
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, List<String>> c : commands.entrySet()) {
          double[] s = seconds.get(c.getKey());
          s = Arrays.copyOf(s, s.length + 1);
          s[s.length - 1] = time(c.getValue(), empty);
          seconds.put(c.getKey(), s);
        }
      }
      String after = load();
      System.out.printf(
          "CliStartBench: %d interleaved rounds, %s%njava: %s (%s)%n",
          rounds, java.time.Instant.now(), jvm, javaVersion(jvm));
      System.out.printf("load average before: %s%n", before);
      System.out.printf(
          "%-26s %10s %14s %18s%n", "command", "median s", "ratio median", "ratio spread");
      double[] base = seconds.get("java -version");
      for (Map.Entry<String, double[]> e : seconds.entrySet()) {
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          ratios[r] = e.getValue()[r] / base[r];
        }
        Arrays.sort(ratios);
        System.out.printf(
            "%-26s %10.3f %13.1fx %8.1fx - %5.1fx%n",
            e.getKey(), median(e.getValue()), median(ratios), ratios[0], ratios[rounds - 1]);
      }
      System.out.printf("load average after: %s%n", after);
    } finally {
      try (var files = Files.walk(empty)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Wall seconds of one run; its output is discarded, a failure stops the benchmark. */
  static double time(List<String> command, Path dir) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    int code = pb.start().waitFor();
    double s = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
    }
    return s;
  }

  /** The first line of a java's {@code -version}. */
  static String javaVersion(String java) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
    p.waitFor();
    return first;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static String load() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return String.join(" ", new ArrayList<>(List.of(f)).subList(0, 3));
  }
}
