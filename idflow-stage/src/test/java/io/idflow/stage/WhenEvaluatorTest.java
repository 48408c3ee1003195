package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStatus;
import io.idflow.stage.WhenConditionException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WhenEvaluatorTest {

  private static WhenEvaluator evaluator;

  /** Frontmatter of the documents most tests use. */
  private static final Map<String, Object> DOC =
      Map.of(
          "title",
          "Ideas",
          "priority",
          5,
          "score",
          0.5,
          "draft",
          false,
          "tags",
          List.of("blog", "java"),
          "meta",
          Map.of("owner", "alice", "reviewers", List.of("bob")));

  @BeforeAll
  static void start() {
    // The default limits, but a clock these tests cannot race on a loaded machine: the statement
    // and allocation limits stop what they provoke; the time limit has tests of its own.
    evaluator = WhenEvaluator.builder().timeout(Duration.ofMinutes(5)).build();
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  private static boolean test(String expression) {
    return evaluator.test("publish", WhenCondition.of(expression), DOC);
  }

  private static WhenConditionException failure(WhenEvaluator e, String expression) {
    WhenConditionException failure =
        catchThrowableOfType(
            () -> e.test("publish", WhenCondition.of(expression), DOC),
            WhenConditionException.class);
    assertThat(failure).as("a failure for %s", expression).isNotNull();
    assertThat(failure.getMessage())
        .startsWith("when of workflow 'publish': ")
        .doesNotContain("\n");
    assertThat(failure.workflow()).isEqualTo("publish");
    assertThat(failure.expression()).isEqualTo(expression);
    return failure;
  }

  private static WhenConditionException failure(String expression) {
    return failure(evaluator, expression);
  }

  @Test
  void expressionsOverNestedFieldsListsAndNumbers() {
    assertThat(test("doc.tags && doc.tags.includes('blog')")).isTrue();
    assertThat(test("doc.tags && doc.tags.includes('rust')")).isFalse();
    assertThat(test("doc.priority > 3")).isTrue();
    assertThat(test("doc.priority > 5")).isFalse();
    assertThat(test("doc.score * 2 === 1")).isTrue();
    assertThat(test("doc.meta.owner === 'alice'")).isTrue();
    assertThat(test("doc.meta.owner === 'bob'")).isFalse();
    assertThat(test("doc.meta.reviewers.some(r => r.startsWith('b'))")).isTrue();
    assertThat(test("!doc.draft && doc.title.length > 3")).isTrue();
    assertThat(test("const p = doc.priority;\nlet q = p * 2;\nq >= 10")).isTrue();
  }

  @Test
  void missingFieldsAreUndefinedNotErrors() {
    assertThat(test("doc.missing")).isFalse();
    assertThat(test("doc.missing === undefined")).isTrue();
    assertThat(test("doc.missing && doc.missing.includes('x')")).isFalse();
    assertThat(test("doc.meta?.missing?.deeper === undefined")).isTrue();
    assertThat(failure("doc.missing.deeper").reason()).isEqualTo(Reason.SCRIPT_ERROR);
  }

  @Test
  void theResultIsReadAsJavaScriptTruthiness() {
    assertThat(test("doc.title")).isTrue();
    assertThat(test("doc.tags")).isTrue();
    assertThat(test("[]")).isTrue();
    assertThat(test("'false'")).isTrue();
    assertThat(test("1")).isTrue();
    assertThat(test("0")).isFalse();
    assertThat(test("''")).isFalse();
    assertThat(test("null")).isFalse();
    assertThat(test("undefined")).isFalse();
    assertThat(test("NaN")).isFalse();
    assertThat(test("false")).isFalse();
  }

  @Test
  void defaultConditionsHoldWithoutStartingTheEngine() {
    WhenEvaluator closed = WhenEvaluator.create();
    closed.close();
    assertThat(closed.test("publish", WhenCondition.of(null), DOC)).isTrue();
    assertThat(closed.test("publish", WhenCondition.of("   "), DOC)).isTrue();
    assertThat(closed.test("publish", WhenCondition.ALWAYS, DOC)).isTrue();
    assertThatThrownBy(() -> closed.test("publish", WhenCondition.of("doc.priority > 3"), DOC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aDocumentIsItsFrontmatterPlusIdStatusAndBody() {
    Document document =
        Document.builder("doc-1")
            .status(DocumentStatus.ACTIVE)
            .properties(Map.of("priority", 4, "meta", Map.of("owner", "alice")))
            .body("# Hello\nworld")
            .build();
    WhenCondition when =
        WhenCondition.of(
            "doc.id === 'doc-1' && doc.status === 'active' && doc.body.startsWith('# Hello')"
                + " && doc.priority === 4 && doc.meta.owner === 'alice'");
    assertThat(evaluator.test("publish", when, document)).isTrue();
  }

  @Test
  void idStatusAndBodyWinOverFrontmatterOfTheSameName() {
    Document document =
        Document.builder("doc-2")
            .properties(Map.of("body", "from frontmatter"))
            .body("real")
            .build();
    assertThat(evaluator.test("publish", WhenCondition.of("doc.body === 'real'"), document))
        .isTrue();
  }

  @Test
  void syntaxErrorsAreOneLineWithTheirPosition() {
    WhenConditionException e = failure("doc.priority >");
    assertThat(e.reason()).isEqualTo(Reason.SYNTAX_ERROR);
    assertThat(e.getMessage()).startsWith("when of workflow 'publish': SyntaxError: when:1:");
    assertThat(e).isInstanceOf(io.idflow.api.InvalidContentException.class);
  }

  @Test
  void exceptionsThrownByTheExpressionAreReported() {
    WhenConditionException e = failure("throw new Error('no owner')");
    assertThat(e.reason()).isEqualTo(Reason.SCRIPT_ERROR);
    assertThat(e).hasMessage("when of workflow 'publish': Error: no owner");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Java.type('java.lang.Runtime').getRuntime().exec('true')",
        "Java.type('java.lang.System').exit(3)",
        "java.lang.System.exit(3)",
        "Packages.java.io.File.listRoots()",
        "new Packages.java.io.File('/etc/passwd').exists()",
        "Polyglot.import('x')",
        "Polyglot.eval('js', '1')",
        "Polyglot.evalFile('js', '/etc/passwd')",
        "load('/etc/passwd')",
        "load('https://example.com/x.js')",
        "require('fs').readFileSync('/etc/passwd')",
        "process.exit(3)",
        "this.constructor.constructor('return process')()",
        "doc.constructor.constructor('return Java')().type('java.lang.System')",
        "eval('1 + 1')",
        "new Function('return 1')()",
        "Graal.versionGraalVM",
        "new Worker('x.js')",
        "quit()",
        "readline()",
      })
  void escapeAttemptsFailSafely(String expression) {
    assertThat(failure(expression).reason()).isEqualTo(Reason.SCRIPT_ERROR);
  }

  @Test
  void noHostGlobalIsReachable() {
    assertThat(
            test(
                "['Java', 'Packages', 'java', 'javax', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal',"
                    + " 'require', 'process', 'quit', 'exit', 'read', 'readline', 'readbuffer',"
                    + " 'SharedArrayBuffer', 'Worker', 'WebAssembly']"
                    + ".every(name => !(name in globalThis))"))
        .isTrue();
  }

  @Test
  void changesToBuiltInsDoNotReachTheNextEvaluation() {
    assertThat(
            test(
                "Object.prototype.polluted = 'yes';"
                    + " Array.prototype.includes = function () { return true; };"
                    + " globalThis.leaked = 1; JSON.parse = null; true"))
        .isTrue();
    assertThat(
            test(
                "({}).polluted === undefined && ![].includes(1)"
                    + " && typeof leaked === 'undefined' && typeof JSON.parse === 'function'"))
        .isTrue();
    assertThat(test("doc.tags.includes('rust')")).isFalse();
  }

  @Test
  void printAndConsoleWriteNowhere() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      assertThat(
              test(
                  "print('leak-1'); console.log('leak-2'); console.error('leak-3');"
                      + " console.warn('leak-4'); true"))
          .isTrue();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("leak");
  }

  @Test
  void anEndlessLoopStopsAtTheStatementLimit() {
    try (WhenEvaluator e =
        WhenEvaluator.builder().timeout(Duration.ofMinutes(10)).statementLimit(100_000).build()) {
      WhenConditionException failure = failure(e, "while (true) {}");
      assertThat(failure.reason()).isEqualTo(Reason.STATEMENT_LIMIT);
      assertThat(failure)
          .hasMessage("when of workflow 'publish': exceeded the limit of 100000 statements");
      assertThat(e.test("publish", WhenCondition.of("doc.priority > 3"), DOC)).isTrue();
    }
  }

  @Test
  void anEndlessLoopStopsAtTheTimeout() {
    try (WhenEvaluator e =
        WhenEvaluator.builder()
            .timeout(Duration.ofMillis(200))
            .statementLimit(Long.MAX_VALUE)
            .build()) {
      WhenConditionException failure = failure(e, "for (;;) {}");
      assertThat(failure.reason()).isEqualTo(Reason.TIME_LIMIT);
      assertThat(failure).hasMessage("when of workflow 'publish': timed out after 200 ms");
      // (that the evaluator still works after a stop is checked with the statement limit: a
      // second evaluation could itself take 200 ms on a loaded machine)
    }
  }

  @Test
  void anEndlessLoopStopsWithTheDefaultLimits() {
    assertThat(failure("while (true) {}").reason().isLimit()).isTrue();
    assertThat(test("doc.priority > 3")).isTrue();
  }

  @Test
  void hugeStringsAreRefused() {
    WhenConditionException e = failure("'x'.repeat(1e9).length > 0");
    assertThat(e.reason()).isEqualTo(Reason.MEMORY_LIMIT);
    assertThat(e.getMessage())
        .contains("Invalid string length")
        .contains("strings are limited to 16777216 characters");
    assertThat(failure("let s = 'xy'; while (true) s += s;").reason())
        .isEqualTo(Reason.MEMORY_LIMIT);
  }

  @Test
  void hugeBinaryBuffersAreRefused() {
    WhenConditionException e = failure("new ArrayBuffer(2 ** 30).byteLength");
    assertThat(e.reason()).isEqualTo(Reason.MEMORY_LIMIT);
    assertThat(e.getMessage()).contains("binary data is limited to 1048576 bytes");
    assertThat(failure("new Float64Array(1e8).length").reason()).isEqualTo(Reason.SCRIPT_ERROR);
  }

  @Test
  void hugeArraysStopAtTheAllocationLimit() {
    // no time or statement limit to race with: only the allocation limit can stop these
    try (WhenEvaluator e =
        WhenEvaluator.builder()
            .timeout(Duration.ofMinutes(2))
            .statementLimit(Long.MAX_VALUE)
            .build()) {
      for (String expression :
          List.of(
              "new Array(1e9).fill(0).length > 0",
              "const a = []; while (true) a.push('item ' + a.length);")) {
        WhenConditionException failure = failure(e, expression);
        assertThat(failure.reason()).as(expression).isEqualTo(Reason.MEMORY_LIMIT);
        assertThat(failure.getMessage()).contains("64 MiB");
      }
      assertThat(e.test("publish", WhenCondition.of("doc.priority > 3"), DOC)).isTrue();
    }
  }

  @Test
  void runawayRecursionIsAStackOverflow() {
    WhenConditionException e = failure("function f(n) { return f(n + 1) + 1; } f(0)");
    assertThat(e.reason()).isEqualTo(Reason.SCRIPT_ERROR);
    assertThat(e.getMessage()).containsIgnoringCase("call stack");
    assertThat(test("doc.priority > 3")).isTrue();
  }

  @Test
  void aDocumentThatIsNotJsonIsReported() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("thing", new Object());
    WhenConditionException e =
        catchThrowableOfType(
            () -> evaluator.test("publish", WhenCondition.of("doc.thing"), doc),
            WhenConditionException.class);
    assertThat(e.reason()).isEqualTo(Reason.INVALID_DOCUMENT);
    assertThat(e.getMessage()).startsWith("when of workflow 'publish': the document cannot be");
  }

  @Test
  void evaluationsRunConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Map<String, Object> doc = Map.of("n", i);
        results.add(
            pool.submit(() -> evaluator.test("wf", WhenCondition.of("doc.n % 2 === 0"), doc)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).as("doc %d", i).isEqualTo(i % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thePermissionsPassGraalVmsConstrainedSandboxValidation() {
    try (Context context =
        WhenEvaluator.sandboxed(Context.newBuilder("js").sandbox(SandboxPolicy.CONSTRAINED))
            .option("engine.WarnInterpreterOnly", "false")
            .build()) {
      assertThat(context.eval("js", "typeof Java").asString()).isEqualTo("undefined");
    }
    // the validation has teeth: host access is refused under that policy
    assertThatThrownBy(
            () ->
                WhenEvaluator.sandboxed(Context.newBuilder("js").sandbox(SandboxPolicy.CONSTRAINED))
                    .allowHostAccess(HostAccess.ALL)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CONSTRAINED");
  }
}
