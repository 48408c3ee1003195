package io.idflow.worker;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts a runner's events and renders them in the Prometheus text format (version 0.0.4), as
 * {@code /metrics} serves them. Add it to a runner with {@link TaskRunner.Builder#listener}.
 * Thread-safe; counting costs a few atomic increments per event.
 *
 * <p>Metrics, each labelled with {@code task_type}:
 *
 * <ul>
 *   <li>{@code idflow_worker_polls_total}, {@code idflow_worker_poll_failures_total}, {@code
 *       idflow_worker_tasks_received_total} (counters)
 *   <li>{@code idflow_worker_executions_total} with a {@code status} label (COMPLETED, FAILED,
 *       FAILED_WITH_TERMINAL_ERROR, IN_PROGRESS) and {@code idflow_worker_execution_failures_total}
 *       (counters)
 *   <li>{@code idflow_worker_execution_seconds} (histogram of the worker method's run time)
 *   <li>{@code idflow_worker_results_not_reported_total} (counter)
 *   <li>{@code idflow_worker_in_flight}, {@code idflow_worker_results_undelivered} (results kept
 *       for delivery while Conductor cannot take them) and {@code idflow_worker_paused} (gauges)
 * </ul>
 *
 * <p>and, without labels, {@code idflow_worker_connection_up} (gauge: 0 during an outage).
 */
public final class MetricsListener implements RunnerListener {

  private static final double[] BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300
  };

  private final Map<String, TypeMetrics> types = new ConcurrentHashMap<>();
  private volatile boolean connectionUp = true;

  /** Creates a listener with every count at zero. */
  public MetricsListener() {}

  /** Makes the task types show up with zero counts before their first event. */
  public MetricsListener register(Iterable<String> taskTypes) {
    taskTypes.forEach(this::of);
    return this;
  }

  private static final class TypeMetrics {
    final LongAdder polls = new LongAdder();
    final LongAdder pollFailures = new LongAdder();
    final LongAdder received = new LongAdder();
    final Map<String, LongAdder> executions = new ConcurrentHashMap<>();
    final LongAdder failures = new LongAdder();
    final LongAdder notReported = new LongAdder();
    final AtomicLong inFlight = new AtomicLong();
    final java.util.Set<String> undelivered = ConcurrentHashMap.newKeySet();
    volatile boolean paused;
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final java.util.concurrent.atomic.DoubleAdder sum =
        new java.util.concurrent.atomic.DoubleAdder();

    TypeMetrics() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
        }
      }
      count.increment();
      sum.add(seconds);
    }
  }

  private TypeMetrics of(String type) {
    return types.computeIfAbsent(type, t -> new TypeMetrics());
  }

  @Override
  public void onEvent(RunnerEvent event) {
    if (event instanceof RunnerEvent.PollSucceeded p) {
      TypeMetrics m = of(p.taskType());
      m.polls.increment();
      m.received.add(p.received());
    } else if (event instanceof RunnerEvent.PollFailed p) {
      TypeMetrics m = of(p.taskType());
      m.polls.increment();
      m.pollFailures.increment();
    } else if (event instanceof RunnerEvent.TaskStarted s) {
      of(s.taskType()).inFlight.incrementAndGet();
    } else if (event instanceof RunnerEvent.TaskCompleted c) {
      finished(of(c.taskType()), c.status().name(), c.duration().toNanos());
    } else if (event instanceof RunnerEvent.TaskFailed f) {
      TypeMetrics m = of(f.taskType());
      m.failures.increment();
      finished(m, f.status().name(), f.duration().toNanos());
    } else if (event instanceof RunnerEvent.ResultNotReported r) {
      TypeMetrics m = of(r.taskType());
      m.notReported.increment();
      m.undelivered.remove(r.taskId());
    } else if (event instanceof RunnerEvent.ResultKept k) {
      of(k.taskType()).undelivered.add(k.taskId());
    } else if (event instanceof RunnerEvent.ResultDelivered d) {
      of(d.taskType()).undelivered.remove(d.taskId());
    } else if (event instanceof RunnerEvent.PauseChanged p) {
      of(p.taskType()).paused = p.paused();
    } else if (event instanceof RunnerEvent.ConnectionChanged c) {
      connectionUp = !c.lost();
    }
  }

  private static void finished(TypeMetrics m, String status, long nanos) {
    m.executions.computeIfAbsent(status, s -> new LongAdder()).increment();
    m.inFlight.decrementAndGet();
    m.observe(nanos / 1e9);
  }

  /** The metrics in the Prometheus text exposition format. */
  public String render() {
    Map<String, TypeMetrics> sorted = new TreeMap<>(types);
    StringBuilder sb = new StringBuilder(2048);
    counter(sb, "idflow_worker_polls_total", "Polls sent to Conductor.", sorted, m -> m.polls);
    counter(
        sb, "idflow_worker_poll_failures_total", "Polls that failed.", sorted, m -> m.pollFailures);
    counter(
        sb,
        "idflow_worker_tasks_received_total",
        "Tasks received from polls.",
        sorted,
        m -> m.received);
    header(sb, "idflow_worker_executions_total", "counter", "Task executions by final status.");
    sorted.forEach(
        (type, m) ->
            new TreeMap<>(m.executions)
                .forEach(
                    (status, n) ->
                        sb.append("idflow_worker_executions_total{task_type=\"")
                            .append(escape(type))
                            .append("\",status=\"")
                            .append(status)
                            .append("\"} ")
                            .append(n.sum())
                            .append('\n')));
    counter(
        sb,
        "idflow_worker_execution_failures_total",
        "Task executions that failed.",
        sorted,
        m -> m.failures);
    counter(
        sb,
        "idflow_worker_results_not_reported_total",
        "Task results that could not be reported to Conductor.",
        sorted,
        m -> m.notReported);
    header(sb, "idflow_worker_execution_seconds", "histogram", "Run time of the worker methods.");
    sorted.forEach(
        (type, m) -> {
          String label = "task_type=\"" + escape(type) + "\"";
          for (int i = 0; i < BUCKETS.length; i++) {
            sb.append("idflow_worker_execution_seconds_bucket{")
                .append(label)
                .append(",le=\"")
                .append(number(BUCKETS[i]))
                .append("\"} ")
                .append(m.buckets[i].sum())
                .append('\n');
          }
          sb.append("idflow_worker_execution_seconds_bucket{")
              .append(label)
              .append(",le=\"+Inf\"} ")
              .append(m.count.sum())
              .append('\n');
          sb.append("idflow_worker_execution_seconds_sum{")
              .append(label)
              .append("} ")
              .append(number(m.sum.sum()))
              .append('\n');
          sb.append("idflow_worker_execution_seconds_count{")
              .append(label)
              .append("} ")
              .append(m.count.sum())
              .append('\n');
        });
    header(sb, "idflow_worker_in_flight", "gauge", "Tasks executing or reporting right now.");
    sorted.forEach(
        (type, m) -> gauge(sb, "idflow_worker_in_flight", type, Math.max(0, m.inFlight.get())));
    header(
        sb,
        "idflow_worker_results_undelivered",
        "gauge",
        "Results kept for delivery while Conductor cannot take them.");
    sorted.forEach(
        (type, m) -> gauge(sb, "idflow_worker_results_undelivered", type, m.undelivered.size()));
    header(sb, "idflow_worker_paused", "gauge", "1 while the worker is paused.");
    sorted.forEach((type, m) -> gauge(sb, "idflow_worker_paused", type, m.paused ? 1 : 0));
    header(sb, "idflow_worker_connection_up", "gauge", "0 while Conductor cannot be reached.");
    sb.append("idflow_worker_connection_up ").append(connectionUp ? 1 : 0).append('\n');
    return sb.toString();
  }

  private static void counter(
      StringBuilder sb,
      String name,
      String help,
      Map<String, TypeMetrics> sorted,
      java.util.function.Function<TypeMetrics, LongAdder> f) {
    header(sb, name, "counter", help);
    sorted.forEach(
        (type, m) ->
            sb.append(name)
                .append("{task_type=\"")
                .append(escape(type))
                .append("\"} ")
                .append(f.apply(m).sum())
                .append('\n'));
  }

  private static void gauge(StringBuilder sb, String name, String type, long value) {
    sb.append(name)
        .append("{task_type=\"")
        .append(escape(type))
        .append("\"} ")
        .append(value)
        .append('\n');
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf((long) d);
    }
    return String.format(Locale.ROOT, "%s", d);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
