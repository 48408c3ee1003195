package io.idflow.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code when} costs: the first evaluation (engine start), then the time per evaluation on
 * the warm engine for a small and a large document, and for the default condition. Prints its
 * figures; not a test (no assertions, not run by Surefire).
 *
 * <p>On the 2-core development machine, GraalJS 25.0.5 community, while other builds kept the load
 * average between 5 and 8:
 *
 * <pre>
 * java 17.0.15+6-Debian-1deb12u1 (OpenJDK 64-Bit Server VM), 2 processors
 * first evaluation (engine start)     3095.1 ms
 * 4 KB body                            7.812 ms mean,    5.687 median,   14.826 p90 (500 runs)
 * 4 KB body, expression '1'            3.084 ms mean,    2.378 median,    5.900 p90 (500 runs)
 * 1 MB body                           14.850 ms mean,    9.843 median,   19.451 p90 (50 runs)
 * default (always) condition           0.000 ms mean,    0.000 median,    0.000 p90 (500 runs)
 * </pre>
 *
 * Creating the context and reading the document take about 2 ms (the expression {@code 1}); the
 * rest is the expression's first run in a fresh context, interpreted, with the built-ins it touches
 * created on first use. Temurin 25 was slower at the same load (median 16 ms for the 4 KB body).
 *
 * <pre>
 * mvn -q -pl idflow-api,idflow-stage -am package dependency:build-classpath -DskipTests \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp idflow-stage/target/test-classes:idflow-stage/target/classes:$(cat idflow-stage/target/cp.txt) \
 *     io.idflow.stage.WhenEvaluatorBench [evaluations]
 * </pre>
 */
public final class WhenEvaluatorBench {

  private WhenEvaluatorBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    WhenCondition when =
        WhenCondition.of("doc.tags && doc.tags.includes('blog') && doc.priority > 3");
    Map<String, Object> small = doc(4_000);
    Map<String, Object> large = doc(1_000_000);
    System.out.printf(
        Locale.ROOT,
        "java %s (%s), %d processors%n",
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors());
    try (WhenEvaluator evaluator = WhenEvaluator.create()) {
      long t0 = System.nanoTime();
      evaluator.test("bench", when, small);
      System.out.printf(
          Locale.ROOT,
          "first evaluation (engine start)   %8.1f ms%n",
          (System.nanoTime() - t0) / 1e6);
      for (int i = 0; i < 50; i++) {
        evaluator.test("bench", when, small);
      }
      report("4 KB body", measure(evaluator, when, small, n));
      report("4 KB body, expression '1'", measure(evaluator, WhenCondition.of("1"), small, n));
      report("1 MB body", measure(evaluator, when, large, Math.max(n / 10, 10)));
      List<Long> always = measure(evaluator, WhenCondition.ALWAYS, small, n);
      report("default (always) condition", always);
    }
  }

  private static Map<String, Object> doc(int bodyLength) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", "Ideas for the blog");
    doc.put("priority", 5);
    doc.put("tags", List.of("blog", "java", "graal"));
    doc.put("meta", Map.of("owner", "alice", "reviewers", List.of("bob", "carol")));
    doc.put("id", "3f2c1a9e-0b7d-4c1e-9a43-5d2f8e6b7c10");
    doc.put("status", "inbox");
    doc.put("body", "lorem ipsum ".repeat(bodyLength / 12));
    return doc;
  }

  private static List<Long> measure(
      WhenEvaluator evaluator, WhenCondition when, Map<String, Object> doc, int n) {
    List<Long> nanos = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      evaluator.test("bench", when, doc);
      nanos.add(System.nanoTime() - t);
    }
    return nanos;
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%-33s %8.3f ms mean, %8.3f median, %8.3f p90 (%d runs)%n",
        what,
        mean / 1e6,
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(sorted.size() * 9 / 10) / 1e6,
        sorted.size());
  }
}
