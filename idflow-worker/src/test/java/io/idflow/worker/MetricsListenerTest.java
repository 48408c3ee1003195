package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.common.metadata.tasks.TaskResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsListenerTest {

  @Test
  void rendersCountsHistogramAndGaugesInPrometheusText() {
    MetricsListener m = new MetricsListener().register(List.of("a", "b"));
    m.onEvent(new RunnerEvent.PollSucceeded("a", 2, Duration.ofMillis(3)));
    m.onEvent(new RunnerEvent.PollFailed("a", new RuntimeException("x"), true));
    m.onEvent(new RunnerEvent.TaskStarted("a", "1", "w"));
    m.onEvent(new RunnerEvent.TaskStarted("a", "2", "w"));
    m.onEvent(
        new RunnerEvent.TaskCompleted(
            "a", "1", TaskResult.Status.COMPLETED, Duration.ofMillis(20)));
    m.onEvent(
        new RunnerEvent.TaskFailed(
            "a", "2", TaskResult.Status.FAILED, "boom", Duration.ofMillis(2000)));
    m.onEvent(new RunnerEvent.PauseChanged("b", true));
    m.onEvent(new RunnerEvent.ConnectionChanged("u", true, null, Duration.ZERO));

    String text = m.render();
    assertThat(text)
        .contains("# TYPE idflow_worker_polls_total counter")
        .contains("idflow_worker_polls_total{task_type=\"a\"} 2")
        .contains("idflow_worker_polls_total{task_type=\"b\"} 0")
        .contains("idflow_worker_poll_failures_total{task_type=\"a\"} 1")
        .contains("idflow_worker_tasks_received_total{task_type=\"a\"} 2")
        .contains("idflow_worker_executions_total{task_type=\"a\",status=\"COMPLETED\"} 1")
        .contains("idflow_worker_executions_total{task_type=\"a\",status=\"FAILED\"} 1")
        .contains("idflow_worker_execution_failures_total{task_type=\"a\"} 1")
        .contains("idflow_worker_execution_seconds_bucket{task_type=\"a\",le=\"0.025\"} 1")
        .contains("idflow_worker_execution_seconds_bucket{task_type=\"a\",le=\"2.5\"} 2")
        .contains("idflow_worker_execution_seconds_bucket{task_type=\"a\",le=\"+Inf\"} 2")
        .contains("idflow_worker_execution_seconds_sum{task_type=\"a\"} 2.02")
        .contains("idflow_worker_execution_seconds_count{task_type=\"a\"} 2")
        .contains("idflow_worker_in_flight{task_type=\"a\"} 0")
        .contains("idflow_worker_paused{task_type=\"b\"} 1")
        .contains("idflow_worker_connection_up 0");
    for (String line : text.split("\n")) {
      assertThat(line).matches("(# (HELP|TYPE) .+|[a-z_]+(\\{.*\\})? [0-9.]+)");
    }
  }

  @Test
  void countsTheResultsWaitingForDeliveryInMetricsAndHealth() {
    MetricsListener m = new MetricsListener().register(List.of("a"));
    HealthListener h = new HealthListener(List.of("a"));
    RuntimeException down = new RuntimeException("down");
    for (RunnerListener l : List.<RunnerListener>of(m, h)) {
      l.onEvent(new RunnerEvent.ResultKept("a", "1", down));
      l.onEvent(new RunnerEvent.ResultKept("a", "2", down));
      l.onEvent(new RunnerEvent.ResultKept("a", "3", down));
      l.onEvent(new RunnerEvent.ResultDelivered("a", "1", Duration.ofSeconds(3)));
      l.onEvent(new RunnerEvent.ResultNotReported("a", "2", down));
      l.onEvent(new RunnerEvent.ResultNotReported("a", "never-kept", down));
    }

    assertThat(m.render())
        .contains("# TYPE idflow_worker_results_undelivered gauge")
        .contains("idflow_worker_results_undelivered{task_type=\"a\"} 1")
        .contains("idflow_worker_results_not_reported_total{task_type=\"a\"} 2");
    assertThat(h.snapshot(TaskRunner.State.RUNNING).workers().get("a").undeliveredResults())
        .isEqualTo(1);
  }
}
