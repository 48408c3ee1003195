package io.idflow.stage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDomainsTest {

  @TempDir Path dir;

  private IdflowConfig config(String yaml) throws Exception {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/idflow.yml"), yaml);
    return new ConfigLoader().env(Map.of()).workingDir(dir).load();
  }

  @Test
  void noDomainConfiguredIsNoMapping() throws Exception {
    assertThat(TaskDomains.of(config("base_dir: data\n"), new Properties())).isEmpty();
  }

  @Test
  void allBecomesTheWildcardAndATasksOwnDomainItsEntry() throws Exception {
    IdflowConfig c =
        config(
            """
            worker:
              all:
                domain: team-a
              publish:
                domain: " web "
              summarize:
                threads: 2
            """);
    assertThat(TaskDomains.of(c, new Properties()))
        .containsExactly(Map.entry("*", "team-a"), Map.entry("publish", "web"));
  }

  @Test
  void systemPropertiesWinAndABlankOneRemovesTheDomain() throws Exception {
    IdflowConfig c =
        config(
            """
            worker:
              all:
                domain: team-a
              publish:
                domain: web
            """);
    Properties system = new Properties();
    system.setProperty("idflow.worker.all.domain", "team-b");
    system.setProperty("idflow.worker.publish.domain", " ");
    system.setProperty("idflow.worker.threads", "3");
    assertThat(TaskDomains.of(c, system)).containsExactly(Map.entry("*", "team-b"));
  }
}
