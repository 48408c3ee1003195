package io.idflow.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.idflow.api.document.Document;
import io.idflow.api.internal.Json;
import io.idflow.stage.WhenConditionException.Reason;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Decides {@link WhenCondition}s: evaluates each expression in a JavaScript sandbox (GraalJS,
 * community edition) and reads its result as JavaScript truthiness.
 *
 * <h2>What an expression sees and returns</h2>
 *
 * {@code doc} is the document as plain JavaScript data: its frontmatter properties plus {@code id},
 * {@code status} (lower-case name) and {@code body}, which win over frontmatter keys of the same
 * name. It is handed over as JSON and parsed inside the sandbox, so no Java object is reachable
 * from it. A missing field is {@code undefined}, not an error. The expression runs as a script and
 * its completion value is the result, converted like JavaScript's {@code Boolean(value)}: {@code
 * undefined}, {@code null}, {@code 0}, {@code NaN} and {@code ''} are false, every object (an empty
 * array included) is true. Truthiness rather than "must be a boolean" keeps the usual guard idiom
 * working: {@code doc.tags && doc.tags.includes('blog')} is {@code undefined}, so false, for a
 * document without tags.
 *
 * <h2>The sandbox</h2>
 *
 * Every evaluation gets a fresh context (nothing an expression changes, {@code Object.prototype}
 * included, reaches the next one) on one shared, lazily created engine. A context has no host
 * access at all: no Java classes or objects ({@code Java}, {@code Packages}, {@code java} are
 * absent or refuse), no polyglot access ({@code Polyglot} absent), no files ({@code load} absent,
 * no I/O), no threads, processes, native code or environment variables, no {@code eval} or {@code
 * Function} of strings; {@code print} and {@code console} write nowhere. These permissions pass
 * GraalVM's own {@code SandboxPolicy.CONSTRAINED} validation (a test checks it); the policy itself
 * is not switched on because the community edition refuses the size limits below under it.
 *
 * <p>Limits, each failing the condition with a {@link WhenConditionException} whose {@link
 * WhenConditionException#reason() reason} says which:
 *
 * <ul>
 *   <li>statements: at most {@link Builder#statementLimit} per evaluation (endless loops stop here,
 *       independent of machine load);
 *   <li>time: {@link Builder#timeout} of wall-clock time for the expression, enforced by a watchdog
 *       that cancels the context; the caller gets its answer at most about a second later even when
 *       a single built-in call does not notice the cancellation;
 *   <li>memory: {@link Builder#allocationLimit} bytes allocated by the evaluating thread beyond
 *       reading the document (garbage included), measured by a watchdog every 10 ms; strings of at
 *       most {@link Builder#maxStringLength} characters; {@code ArrayBuffer}s and typed arrays of
 *       at most 1 MiB; an {@code OutOfMemoryError} inside the expression is reported too.
 * </ul>
 *
 * <h2>What the sandbox does not do</h2>
 *
 * The community edition has no heap isolation ({@code sandbox.MaxHeapMemory} and isolates are in
 * Oracle GraalVM only): the expression shares the JVM's heap. Memory is bounded by the size limits
 * (one allocation is at most a 16 Mi character string, 32 MiB) and by the allocation watchdog,
 * which can only act between two checks and when the engine next polls for cancellation; a built-in
 * looping in Java (for example {@code Array.from({length: 1e7})}) polls only when it returns, so it
 * can run and allocate for seconds after it was cancelled. The caller does not wait for it; the
 * evaluation thread ends when the built-in returns. Without the {@code jdk.management} module, or
 * on a JVM without per-thread allocation counters, the allocation limit is not enforced; the other
 * limits are.
 *
 * <h2>Cost</h2>
 *
 * On a stock JDK there is no JIT for JavaScript (GraalJS runs interpreted; the warning about that
 * is switched off). The first evaluation starts the engine: 3 to 5 s on a busy 2-core machine. Each
 * later one creates a fresh context and costs a few milliseconds on JDK 17 (median 5 ms for a
 * typical expression over a document with a 4 KB body, 2 ms for the expression {@code 1}; a 1 MB
 * body adds about 5 ms of JSON); {@code WhenEvaluatorBench} in the tests prints these figures.
 * {@link WhenCondition#isAlways() Always} conditions cost nothing and never start the engine.
 *
 * <p>Thread-safe: evaluations from several threads run concurrently, each on a thread of the
 * evaluator's own. {@link #close()} when done.
 */
public final class WhenEvaluator implements AutoCloseable {

  /**
   * Default wall-clock limit for one expression: 30 s. A backstop for slow built-ins only: endless
   * loops stop at the statement limit whatever the load, and an interpreted first evaluation can
   * take seconds on a loaded machine, which must not block a stage.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Default statement limit for one evaluation: 1,000,000. */
  public static final long DEFAULT_STATEMENT_LIMIT = 1_000_000;

  /** Default allocation limit for one expression: 64 MiB. */
  public static final long DEFAULT_ALLOCATION_LIMIT = 64L << 20;

  /** Default maximum length of a JavaScript string: 16 Mi characters (at most 32 MiB). */
  public static final int DEFAULT_MAX_STRING_LENGTH = 16 << 20;

  /** Maximum size of an {@code ArrayBuffer} or typed array, in bytes. */
  static final int MAX_BINARY_BYTES = 1 << 20;

  /** How long creating a context and reading the document may take; not the expression's time. */
  private static final long SETUP_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** How long the caller waits past the timeout for a cancelled evaluation to end. */
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final long WATCH_INTERVAL_MILLIS = 10;

  private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

  /**
   * No Java member is accessible, and no guest value is turned into a mutable Java view (the
   * CONSTRAINED policy's requirement; this code only ever asks for a boolean).
   */
  private static final HostAccess NO_HOST_ACCESS =
      HostAccess.newBuilder(HostAccess.NONE).allowMutableTargetMappings().build();

  /**
   * Runs before each expression: parses the document, removes the {@code Java} helper object (host
   * access is off anyway), and returns the truthiness function the result goes through.
   */
  private static final Source PRELUDE =
      Source.newBuilder(
              "js",
              """
              (function (json) {
                'use strict';
                delete globalThis.Java;
                globalThis.doc = JSON.parse(json);
                return function (value) { return !!value; };
              })
              """,
              "idflow-when-prelude.js")
          .buildLiteral();

  private final Duration timeout;
  private final long statementLimit;
  private final long allocationLimit;
  private final int maxStringLength;
  private final ResourceLimits resourceLimits;
  private final ExecutorService threads;
  private final ScheduledThreadPoolExecutor watchdog;

  private final Object lock = new Object();
  private Engine engine; // guarded by lock; created on first use
  private boolean closed; // guarded by lock

  private WhenEvaluator(Builder b) {
    this.timeout = b.timeout;
    this.statementLimit = b.statementLimit;
    this.allocationLimit = b.allocationLimit;
    this.maxStringLength = b.maxStringLength;
    this.resourceLimits = ResourceLimits.newBuilder().statementLimit(statementLimit, null).build();
    this.threads =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads("idflow-when-"));
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads("idflow-when-watchdog-"));
    this.watchdog.setRemoveOnCancelPolicy(true);
  }

  /** An evaluator with the default limits. */
  public static WhenEvaluator create() {
    return builder().build();
  }

  /** A builder for an evaluator with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides a workflow's condition for a document.
   *
   * @param workflow the workflow's name, for messages
   * @param when the condition
   * @param document the document; {@code doc} is its properties plus {@code id}, {@code status} and
   *     {@code body}
   * @return whether the workflow is to be started
   * @throws WhenConditionException when the expression is not valid JavaScript, throws, or hits a
   *     limit
   * @throws IllegalStateException when this evaluator is closed
   */
  public boolean test(String workflow, WhenCondition when, Document document) {
    Objects.requireNonNull(document, "document");
    return test(workflow, when, docOf(document));
  }

  /**
   * Decides a workflow's condition for a document given as {@code doc} itself: a map of
   * JSON-compatible values (maps, lists, strings, numbers, booleans, null).
   *
   * @param workflow the workflow's name, for messages
   * @param when the condition
   * @param doc what the expression sees as {@code doc}
   * @return whether the workflow is to be started
   * @throws WhenConditionException when the expression is not valid JavaScript, throws, hits a
   *     limit, or {@code doc} cannot be written as JSON
   * @throws IllegalStateException when this evaluator is closed
   */
  public boolean test(String workflow, WhenCondition when, Map<String, ?> doc) {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(doc, "doc");
    if (when.isAlways()) {
      return true;
    }
    String json;
    try {
      json = Json.MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new WhenConditionException(
          workflow,
          when.expression(),
          Reason.INVALID_DOCUMENT,
          "the document cannot be written as JSON: " + firstLine(e.getOriginalMessage()),
          e);
    }
    Engine shared = engine();
    Run run = new Run(workflow, when.expression(), json);
    try {
      threads.execute(() -> evaluate(shared, run));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the when evaluator is closed", e);
    }
    return await(run);
  }

  /** The wall-clock limit for one expression. */
  public Duration timeout() {
    return timeout;
  }

  /** The statement limit for one evaluation. */
  public long statementLimit() {
    return statementLimit;
  }

  /** The allocation limit for one expression, in bytes. */
  public long allocationLimit() {
    return allocationLimit;
  }

  /** The maximum length of a JavaScript string, in characters. */
  public int maxStringLength() {
    return maxStringLength;
  }

  /**
   * Closes the engine, cancelling evaluations still running (their callers get an {@link
   * IllegalStateException}), and stops the evaluator's threads. Idempotent.
   */
  @Override
  public void close() {
    Engine toClose;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = engine;
      engine = null;
    }
    watchdog.shutdownNow();
    threads.shutdown();
    if (toClose != null) {
      toClose.close(true);
    }
  }

  /** What {@code doc} is for a document: its properties, then id, status and body. */
  static Map<String, Object> docOf(Document document) {
    Map<String, Object> doc = new LinkedHashMap<>(document.properties());
    doc.put("id", document.id());
    doc.put("status", document.status().folderName());
    doc.put("body", document.body());
    return doc;
  }

  /**
   * Everything a context may reach outside itself: nothing. Kept apart so that a test can check it
   * against GraalVM's {@code SandboxPolicy.CONSTRAINED} validation.
   */
  static Context.Builder sandboxed(Context.Builder builder) {
    return builder
        .out(NOWHERE)
        .err(NOWHERE)
        .in(InputStream.nullInputStream())
        .allowAllAccess(false)
        .allowHostAccess(NO_HOST_ACCESS)
        .allowHostClassLoading(false)
        .allowNativeAccess(false)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowIO(IOAccess.NONE)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowInnerContextOptions(false)
        .allowValueSharing(false)
        .useSystemExit(false);
  }

  private Context newContext(Engine shared) {
    return sandboxed(Context.newBuilder("js").engine(shared))
        .resourceLimits(resourceLimits)
        // the size limits are "experimental" options, and allowed only under the TRUSTED policy
        .allowExperimentalOptions(true)
        .option("js.string-length-limit", Integer.toString(maxStringLength))
        .option("js.max-typed-array-length", Integer.toString(MAX_BINARY_BYTES))
        .option("js.shared-array-buffer", "false")
        .option("js.java-package-globals", "false")
        .option("js.polyglot-builtin", "false")
        .option("js.graal-builtin", "false")
        .option("js.load", "false")
        .option("js.allow-eval", "false")
        .build();
  }

  private Engine engine() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the when evaluator is closed");
      }
      if (engine == null) {
        engine =
            Engine.newBuilder("js")
                .out(NOWHERE)
                .err(NOWHERE)
                // no JIT on a stock JDK: interpreted is expected, not worth a warning per run
                .option("engine.WarnInterpreterOnly", "false")
                .build();
      }
      return engine;
    }
  }

  /**
   * Runs on an evaluator thread. Completes the run's result before closing the context, so that
   * closing does not count against the caller's deadline.
   */
  private void evaluate(Engine shared, Run run) {
    Context context = null;
    try {
      context = newContext(shared);
      run.context = context;
      if (run.stopped.get() != null) {
        throw run.limitFailure(null);
      }
      Value truthy = context.eval(PRELUDE).execute(run.json);
      run.start();
      Value value = context.eval(Source.newBuilder("js", run.expression, "when").buildLiteral());
      run.result.complete(truthy.execute(value).asBoolean());
    } catch (PolyglotException e) {
      run.result.completeExceptionally(failure(run, e));
    } catch (IllegalStateException e) {
      // the context was closed under us: by a limit, or by close()
      run.result.completeExceptionally(run.stopped.get() != null ? run.limitFailure(e) : e);
    } catch (Throwable e) {
      run.result.completeExceptionally(e);
    } finally {
      run.finish();
      if (context != null) {
        try {
          context.close();
        } catch (PolyglotException | IllegalStateException e) {
          // a cancelled context reports its cancellation again when closed
        }
      }
    }
  }

  private boolean await(Run run) {
    try {
      if (!run.ready.await(SETUP_LIMIT_NANOS, TimeUnit.NANOSECONDS)) {
        run.stop(Reason.TIME_LIMIT);
        throw run.failure(
            Reason.TIME_LIMIT,
            "the JavaScript engine did not start within "
                + TimeUnit.NANOSECONDS.toSeconds(SETUP_LIMIT_NANOS)
                + " s",
            null);
      }
      long left = run.deadline() - System.nanoTime();
      return run.result.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // cancelling did not end the evaluation in time: answer now, let the thread finish alone
      run.stop(Reason.TIME_LIMIT);
      throw run.limitFailure(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      run.stop(Reason.TIME_LIMIT);
      Thread.currentThread().interrupt();
      CancellationException c =
          new CancellationException(
              "interrupted while evaluating the when of workflow '" + run.workflow + "'");
      c.initCause(e);
      throw c;
    }
  }

  private RuntimeException failure(Run run, PolyglotException e) {
    if (run.stopped.get() != null) {
      return run.limitFailure(e);
    }
    String message = firstLine(e.getMessage());
    if (e.isResourceExhausted()) {
      if (e.isCancelled()) {
        // the statement limit cancels the context itself
        return run.failure(
            Reason.STATEMENT_LIMIT, "exceeded the limit of " + statementLimit + " statements", e);
      }
      if (message.contains("StackOverflow") || message.contains("stack")) {
        return run.failure(Reason.SCRIPT_ERROR, "stack overflow: " + message, e);
      }
      return run.failure(Reason.MEMORY_LIMIT, "ran the JVM out of memory: " + message, e);
    }
    if (e.isCancelled()) {
      return new IllegalStateException("the when evaluator was closed during an evaluation", e);
    }
    if (e.isSyntaxError()) {
      return run.failure(Reason.SYNTAX_ERROR, message, e);
    }
    if (e.isGuestException()) {
      if (message.endsWith("Invalid string length")) {
        return run.failure(
            Reason.MEMORY_LIMIT,
            message + " (strings are limited to " + maxStringLength + " characters)",
            e);
      }
      if (message.endsWith("Array buffer allocation failed")) {
        return run.failure(
            Reason.MEMORY_LIMIT,
            message + " (binary data is limited to " + MAX_BINARY_BYTES + " bytes)",
            e);
      }
      return run.failure(Reason.SCRIPT_ERROR, message, e);
    }
    return run.failure(
        Reason.SCRIPT_ERROR, "internal error of the JavaScript engine: " + message, e);
  }

  /** The first line of a message, at most 300 characters: messages here are one line. */
  static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String line = message.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip();
    }
    return line.length() <= 300 ? line : line.substring(0, 299) + "…";
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One evaluation, shared by the caller, the evaluator thread and the watchdog. */
  private final class Run {
    final String workflow;
    final String expression;
    final String json;

    /** Counted down when the expression starts, or when the evaluation ends before that. */
    final CountDownLatch ready = new CountDownLatch(1);

    final CompletableFuture<Boolean> result = new CompletableFuture<>();

    final AtomicReference<Reason> stopped = new AtomicReference<>();
    volatile Context context;
    volatile boolean started;
    volatile long startNanos;
    private volatile boolean finished;
    private long threadId;
    private long allocationBase;
    private ScheduledFuture<?> watch;

    Run(String workflow, String expression, String json) {
      this.workflow = workflow;
      this.expression = expression;
      this.json = json;
    }

    /** On the evaluator thread, after the document is read: the limits start counting here. */
    void start() {
      threadId = Thread.currentThread().getId();
      allocationBase = Allocation.bytes(threadId);
      startNanos = System.nanoTime();
      started = true;
      watch =
          watchdog.scheduleAtFixedRate(
              this::check, WATCH_INTERVAL_MILLIS, WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      ready.countDown();
    }

    void finish() {
      finished = true;
      if (watch != null) {
        watch.cancel(false);
      }
      ready.countDown();
    }

    /**
     * When the caller stops waiting: the timeout plus a grace period after the start; an evaluation
     * that ended before its start has its result already.
     */
    long deadline() {
      return (started ? startNanos + timeout.toNanos() : System.nanoTime()) + GRACE_NANOS;
    }

    /** On the watchdog thread. */
    private void check() {
      if (finished) {
        return;
      }
      if (System.nanoTime() - startNanos > timeout.toNanos()) {
        stop(Reason.TIME_LIMIT);
      } else if (allocationBase >= 0
          && Allocation.bytes(threadId) - allocationBase > allocationLimit) {
        stop(Reason.MEMORY_LIMIT);
      }
    }

    /** Cancels the evaluation, once; the first reason wins. */
    void stop(Reason reason) {
      if (!stopped.compareAndSet(null, reason)) {
        return;
      }
      Context c = context;
      if (c == null) {
        return;
      }
      // close(true) waits until the evaluation has left the context: not on the watchdog thread
      Runnable cancel =
          () -> {
            try {
              c.close(true);
            } catch (RuntimeException e) {
              // closed already, or closing reports the cancellation: either way it is stopped
            }
          };
      try {
        threads.execute(cancel);
        // the caller has its answer a grace period later, even if the evaluation has not ended
        watchdog.schedule(
            () -> result.completeExceptionally(limitFailure(null)),
            GRACE_NANOS,
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // the evaluator is closing, which closes the engine and with it this context
      }
    }

    WhenConditionException limitFailure(Throwable cause) {
      Reason reason = stopped.get();
      if (reason == Reason.MEMORY_LIMIT) {
        return failure(
            reason,
            "allocated more than " + mebibytes(allocationLimit) + " (the memory limit)",
            cause);
      }
      return failure(Reason.TIME_LIMIT, "timed out after " + timeout.toMillis() + " ms", cause);
    }

    WhenConditionException failure(Reason reason, String detail, Throwable cause) {
      return new WhenConditionException(workflow, expression, reason, detail, cause);
    }
  }

  private static String mebibytes(long bytes) {
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  /** Per-thread allocation counters, where the JVM has them. */
  private static final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS = find();

    private static com.sun.management.ThreadMXBean find() {
      try {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
            && t.isThreadAllocatedMemorySupported()
            && t.isThreadAllocatedMemoryEnabled()) {
          return t;
        }
      } catch (LinkageError | RuntimeException e) {
        // no jdk.management module: the allocation limit is not enforced
      }
      return null;
    }

    /** Bytes the thread has allocated so far, or -1 when unknown. */
    static long bytes(long threadId) {
      return THREADS == null ? -1 : THREADS.getThreadAllocatedBytes(threadId);
    }
  }

  /** Limits for a new evaluator. Not thread-safe. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private long statementLimit = DEFAULT_STATEMENT_LIMIT;
    private long allocationLimit = DEFAULT_ALLOCATION_LIMIT;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;

    private Builder() {}

    /**
     * Wall-clock limit for one expression, counted from its start (creating the context and reading
     * the document are not counted); default {@link #DEFAULT_TIMEOUT 30 s}.
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * How many statements one evaluation may execute (reading the document takes a handful);
     * default {@link #DEFAULT_STATEMENT_LIMIT 1,000,000}.
     */
    public Builder statementLimit(long statementLimit) {
      if (statementLimit < 1) {
        throw new IllegalArgumentException("statementLimit must be positive: " + statementLimit);
      }
      this.statementLimit = statementLimit;
      return this;
    }

    /**
     * How many bytes one expression may allocate, garbage included, beyond reading the document;
     * default {@link #DEFAULT_ALLOCATION_LIMIT 64 MiB}.
     */
    public Builder allocationLimit(long allocationLimit) {
      if (allocationLimit < 1) {
        throw new IllegalArgumentException("allocationLimit must be positive: " + allocationLimit);
      }
      this.allocationLimit = allocationLimit;
      return this;
    }

    /**
     * The longest string an expression may make, in characters (strings of the document itself are
     * exempt); default {@link #DEFAULT_MAX_STRING_LENGTH 16 Mi}.
     */
    public Builder maxStringLength(int maxStringLength) {
      if (maxStringLength < 1) {
        throw new IllegalArgumentException("maxStringLength must be positive: " + maxStringLength);
      }
      this.maxStringLength = maxStringLength;
      return this;
    }

    /** The evaluator; its engine is created on the first evaluation that needs it. */
    public WhenEvaluator build() {
      return new WhenEvaluator(this);
    }
  }
}
