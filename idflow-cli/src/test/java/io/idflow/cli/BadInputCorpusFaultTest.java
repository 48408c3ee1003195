package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.idflow.cli.completion.Completion;
import io.idflow.cli.config.ConfigCommand;
import io.idflow.cli.doc.DocCommand;
import io.idflow.cli.doctor.Doctor;
import io.idflow.cli.extras.ExtrasCommand;
import io.idflow.cli.quickstart.Quickstart;
import io.idflow.cli.server.ServerCommand;
import io.idflow.cli.stage.StageCommand;
import io.idflow.cli.sync.Sync;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.cli.sync.WorkflowCommand;
import io.idflow.cli.vendor.VendorCommand;
import io.idflow.cli.worker.WorkerCommand;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: the bad-input corpus ({@code fault-corpus/cases.jsonl}, one case a line):
 * frontmatter, broken document folders, ids and keys with path tricks, JSON values, filter
 * expressions, command-line arguments, configuration files, environment variables, stage YAML,
 * workflow JSON, event handlers, vendor and extras TOML. Each case runs one command in-process on a
 * fresh copy of {@code projects/corpus} and must end with the documented exit code, exactly one
 * {@code error:} line on stderr (no stack trace, no raw control character), and every file of the
 * project byte for byte as before ({@code doctor}, whose output is a report, is marked {@code
 * report}: its exit code and the files are checked). Prints the number of cases, clean ones and
 * defects; a case with {@code known_defect} is counted but does not fail the test.
 *
 * <p>Commands that talk to Conductor get a JDK HTTP server that answers as an empty Conductor
 * ({@code "@stub"} in a case's env); the others a closed port.
 */
@Tag("fault")
class BadInputCorpusFaultTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  @Test
  void everyCaseIsRefusedInOneLineAndChangesNothing() throws Exception {
    List<JsonNode> cases = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/fault-corpus/cases.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          cases.add(JSON.readTree(line));
        }
      }
    }
    HttpServer stub = emptyConductor();
    List<String> defects = new ArrayList<>();
    List<String> known = new ArrayList<>();
    int n = 0;
    try {
      for (JsonNode c : cases) {
        Path project = root.resolve("case-" + n++);
        String problem = run(c, project, "http://127.0.0.1:" + stub.getAddress().getPort());
        if (problem != null) {
          String line = c.path("name").asText() + ": " + problem;
          if (c.has("known_defect")) {
            known.add(line + " (known: " + c.path("known_defect").asText() + ")");
          } else {
            defects.add(line);
          }
        }
      }
    } finally {
      stub.stop(0);
    }
    int clean = cases.size() - defects.size() - known.size();
    System.out.println(
        "bad-input corpus: "
            + cases.size()
            + " cases, "
            + clean
            + " clean, "
            + (defects.size() + known.size())
            + " defects ("
            + known.size()
            + " known)");
    known.forEach(k -> System.out.println("  known defect: " + k));
    defects.forEach(d -> System.out.println("  DEFECT: " + d));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    assertThat(defects).as("defects").isEmpty();
  }

  /** Runs one case; returns what is wrong, or null when it is clean. */
  private String run(JsonNode c, Path project, String stubUrl) throws IOException {
    TestProjects.copy(getClass(), "corpus", project);
    Iterator<Map.Entry<String, JsonNode>> files = c.path("files").fields();
    while (files.hasNext()) {
      Map.Entry<String, JsonNode> f = files.next();
      Path p = project.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      if (f.getValue().isObject()) {
        Files.write(p, Base64.getMimeDecoder().decode(f.getValue().path("base64").asText()));
      } else {
        Files.writeString(p, f.getValue().asText());
      }
    }
    Map<String, byte[]> before = snapshot(project);
    CliHarness cli =
        CliHarness.of(
                project,
                Completion.class,
                ConfigCommand.class,
                DocCommand.class,
                Doctor.class,
                ExtrasCommand.class,
                Quickstart.class,
                ServerCommand.class,
                StageCommand.class,
                Sync.class,
                TasksCommand.class,
                VendorCommand.class,
                WorkflowCommand.class,
                WorkerCommand.class)
            .env("MAVEN_OPTS", "-o");
    if (!c.path("files").has("config/idflow.yml")) {
      cli.env("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:9"); // a config case sets its own
    }
    Iterator<Map.Entry<String, JsonNode>> env = c.path("env").fields();
    while (env.hasNext()) {
      Map.Entry<String, JsonNode> e = env.next();
      if (e.getKey().equals("@stub")) {
        cli.env("IDFLOW_CONDUCTOR_URL", stubUrl);
      } else {
        cli.env(e.getKey(), e.getValue().asText());
      }
    }
    if (c.has("stdin")) {
      cli.stdin(c.path("stdin").asText());
    }
    List<String> args = new ArrayList<>();
    c.path("args").forEach(a -> args.add(a.asText()));
    CliHarness.Result r;
    try {
      r = cli.run(args.toArray(String[]::new));
    } catch (RuntimeException | Error e) {
      return "threw " + e;
    }
    List<String> problems = new ArrayList<>();
    int expected = c.path("exit").asInt();
    if (r.exitCode() != expected) {
      problems.add("exit " + r.exitCode() + " (expected " + expected + ")");
    }
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
    if (errors.size() != 1 && !c.path("report").asBoolean()) {
      problems.add(errors.size() + " error lines");
    }
    if (r.err().lines().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception:"))) {
      problems.add("a stack trace or exception text");
    }
    if (r.err().chars().anyMatch(ch -> ch != '\n' && ch != '\t' && (ch < 0x20 || ch == 0x7f))) {
      problems.add("a raw control character");
    }
    Map<String, byte[]> after = snapshot(project);
    List<String> changed = new ArrayList<>();
    for (String p : union(before, after)) {
      if (!Arrays.equals(before.get(p), after.get(p))) {
        changed.add(p);
      }
    }
    if (!changed.isEmpty()) {
      problems.add("files changed: " + changed);
    }
    if (problems.isEmpty()) {
      return null;
    }
    String firstError = errors.isEmpty() ? r.err().strip() : errors.get(0);
    return String.join("; ", problems)
        + " | "
        + (firstError.length() > 200 ? firstError.substring(0, 200) + "..." : firstError);
  }

  private static List<String> union(Map<String, byte[]> a, Map<String, byte[]> b) {
    TreeMap<String, Boolean> all = new TreeMap<>();
    a.keySet().forEach(k -> all.put(k, true));
    b.keySet().forEach(k -> all.put(k, true));
    return new ArrayList<>(all.keySet());
  }

  /**
   * Every file of the project and every folder, but idflow's own: {@code .idflow/} (caches) and the
   * lock file a write puts into a document's folder ({@code .lock}, kept by design).
   */
  private static Map<String, byte[]> snapshot(Path project) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(project)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        String rel = project.relativize(p).toString();
        if (rel.isEmpty()
            || rel.equals(".idflow")
            || rel.startsWith(".idflow/")
            || p.getFileName().toString().equals(".lock")) {
          continue;
        }
        out.put(rel, Files.isDirectory(p) ? new byte[] {'/'} : Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** A JDK HTTP server that answers as a Conductor without definitions or runs. */
  private static HttpServer emptyConductor() throws IOException {
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          String body =
              path.equals("/health")
                  ? "{\"healthy\":true}"
                  : path.contains("/search") ? "{\"totalHits\":0,\"results\":[]}" : "[]";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    stub.start();
    return stub;
  }
}
