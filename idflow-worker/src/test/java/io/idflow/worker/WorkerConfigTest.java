package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.idflow.api.IdflowException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {

  @TempDir Path project;

  public static class Annotated {
    @WorkerTask(value = "tuned", threadCount = 3, pollingInterval = 40, domain = "blue")
    public String tuned() {
      return "";
    }

    @WorkerTask("plain")
    public String plain() {
      return "";
    }

    @WorkerTask(value = "one_thread", threadCount = 1, pollingInterval = 100)
    public String oneThread() {
      return "";
    }
  }

  private IdflowConfig config(String yaml) throws Exception {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/idflow.yml"), yaml);
    return new ConfigLoader().env(Map.of()).workingDir(project).load();
  }

  private static WorkerMethod worker(String method) throws Exception {
    return WorkerMethod.of(new Annotated(), Annotated.class.getMethod(method));
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void withNothingSetTheShippedDefaultsApply() throws Exception {
    WorkerSettings s = WorkerConfig.of(config(""), props()).settingsFor(worker("plain"));
    assertThat(s).isEqualTo(WorkerSettings.defaults());
    assertThat(s.threads()).isEqualTo(8);
    assertThat(s.pollingInterval()).isEqualTo(Duration.ofMillis(5));
    assertThat(s.batchSize()).isEqualTo(8);
    assertThat(s.idlePollTimeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void annotationValuesOtherThanTheSdkDefaultsBeatTheShippedDefaults() throws Exception {
    WorkerSettings s = WorkerConfig.of(config(""), props()).settingsFor(worker("tuned"));
    assertThat(s.threads()).isEqualTo(3);
    assertThat(s.batchSize()).isEqualTo(3);
    assertThat(s.pollingInterval()).isEqualTo(Duration.ofMillis(40));
    assertThat(s.domain()).isEqualTo("blue");
    // threadCount = 1 and pollingInterval = 100 are the SDK's defaults: idflow's apply
    WorkerSettings one = WorkerConfig.of(config(""), props()).settingsFor(worker("oneThread"));
    assertThat(one.threads()).isEqualTo(8);
  }

  @Test
  void theConfigFileBeatsTheAnnotationAndATaskKeyBeatsAll() throws Exception {
    IdflowConfig c =
        config(
            """
            worker:
              all:
                threads: 4
                polling_interval_ms: 20
              tuned:
                threads: 2
                batch_size: 1
                domain: ""
                paused: true
            """);
    WorkerConfig wc = WorkerConfig.of(c, props());
    WorkerSettings tuned = wc.settingsFor(worker("tuned"));
    assertThat(tuned.threads()).isEqualTo(2);
    assertThat(tuned.batchSize()).isEqualTo(1);
    assertThat(tuned.pollingInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(tuned.domain()).isEmpty();
    assertThat(tuned.paused()).isTrue();
    WorkerSettings plain = wc.settingsFor(worker("plain"));
    assertThat(plain.threads()).isEqualTo(4);
    assertThat(plain.paused()).isFalse();
  }

  @Test
  void systemPropertiesBeatTheFileAndTheThreadsFlagBeatsEverything() throws Exception {
    IdflowConfig c = config("worker:\n  plain:\n    threads: 2\n    polling_interval_ms: 9\n");
    WorkerConfig wc =
        WorkerConfig.of(
            c,
            props(
                "idflow.worker.all.threads", "6",
                "idflow.worker.plain.polling_interval_ms", "7",
                "idflow.worker_runner.grace_period_seconds", "3",
                "unrelated", "x"));
    WorkerSettings s = wc.settingsFor(worker("plain"));
    assertThat(s.threads()).isEqualTo(6);
    assertThat(s.pollingInterval()).isEqualTo(Duration.ofMillis(7));
    assertThat(wc.gracePeriod()).isEqualTo(Duration.ofSeconds(3));
    assertThat(wc.withThreads(12).settingsFor(worker("plain")).threads()).isEqualTo(12);
  }

  @Test
  void runnerWideSettingsHaveDefaults() throws Exception {
    WorkerConfig wc = WorkerConfig.of(config(""), props());
    assertThat(wc.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(wc.port()).isEmpty();
    assertThat(wc.workerId()).isNull();
    WorkerConfig set =
        WorkerConfig.of(config("worker_runner:\n  port: 9100\n  worker_id: w1\n"), props());
    assertThat(set.port()).hasValue(9100);
    assertThat(set.workerId()).isEqualTo("w1");
  }

  @Test
  void badValuesAreConfigurationErrorsNamingTheKeyAndItsSource() throws Exception {
    IdflowConfig c = config("worker:\n  plain:\n    threads: lots\n");
    assertThatThrownBy(() -> WorkerConfig.of(c, props()).settingsFor(worker("plain")))
        .isInstanceOf(IdflowException.class)
        .hasMessage(
            "worker.plain.threads (file:config/idflow.yml) must be a whole number, not: lots")
        .isInstanceOf(io.idflow.api.ConfigurationException.class);
    IdflowConfig zero = config("worker:\n  all:\n    threads: 0\n");
    assertThatThrownBy(() -> WorkerConfig.of(zero, props()).settingsFor(worker("plain")))
        .hasMessageContaining("worker.all.threads (file:config/idflow.yml) must be at least 1");
    IdflowConfig paused = config("worker:\n  all:\n    paused: maybe\n");
    assertThatThrownBy(() -> WorkerConfig.of(paused, props()).settingsFor(worker("plain")))
        .hasMessageContaining("must be true or false");
    assertThatThrownBy(
            () ->
                WorkerConfig.of(config(""), props("idflow.worker.all.idle_poll_timeout_ms", "9000"))
                    .settingsFor(worker("plain")))
        .hasMessageContaining("must be between 0 and 5000");
    assertThatThrownBy(() -> WorkerConfig.of(config(""), props()).withThreads(0))
        .hasMessageContaining("--threads must be at least 1");
  }
}
