package io.idflow.conductor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.resource.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class-path discovery (task scripts need JBang and the packaged api jar: TaskScriptsIT). */
class TaskDiscoveryTest {

  @TempDir Path project;

  private TaskDiscovery.Builder builder(String... packages) {
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    return TaskDiscovery.builder(config).scripts(false).packages(List.of(packages));
  }

  @Test
  void aWorkerClassCanTakeTheConfigurationThroughItsConstructor() throws Exception {
    IdflowConfig config =
        new ConfigLoader()
            .env(Map.of("IDFLOW_CONDUCTOR_URL", "http://conductor.example:9000"))
            .workingDir(project)
            .load();
    try (TaskCatalog catalog =
        TaskDiscovery.builder(config)
            .scripts(false)
            .packages(List.of("io.idflow.conductor.task.fixtures.configured"))
            .build()
            .discover()) {
      DiscoveredTask task = catalog.task("fixture_configured").orElseThrow();
      assertThat(task.method().invoke(task.newBean(config), "hi"))
          .isEqualTo("hi@http://conductor.example:9000");
      assertThatThrownBy(task::newBean)
          .isInstanceOf(io.idflow.api.InvalidContentException.class)
          .hasMessageContaining("ConfiguredWorkers");
    }
  }

  @Test
  void findsAnnotatedMethodsOfTheConfiguredPackages() throws Exception {
    try (TaskCatalog catalog =
        builder("io.idflow.conductor.task.fixtures.good").build().discover()) {
      assertThat(catalog.names())
          .containsExactly("fixture_custom", "fixture_plain", "fixture_static");

      DiscoveredTask custom = catalog.task("fixture_custom").orElseThrow();
      assertThat(custom.threadCount()).isEqualTo(4);
      assertThat(custom.pollingInterval()).isEqualTo(25);
      assertThat(custom.domain()).isEqualTo("blue");
      assertThat(custom.taskDef().getRetryCount()).isEqualTo(1);
      assertThat(custom.source().kind()).isEqualTo(TaskSource.Kind.CLASS_PATH);
      assertThat(custom.source().location())
          .isEqualTo("io.idflow.conductor.task.fixtures.good.GoodWorkers");
      assertThat(custom.source().origin()).isEqualTo(Origin.STANDARD);

      DiscoveredTask plain = catalog.task("fixture_plain").orElseThrow();
      assertThat(plain.domain()).isNull();
      assertThat(plain.threadCount()).isEqualTo(1);
      assertThat(plain.pollingInterval()).isEqualTo(100);
      assertThat(plain.taskDef().getDescription())
          .isEqualTo("Task from io.idflow.conductor.task.fixtures.good.GoodWorkers");
      // The runner's view: create the bean and call the method.
      assertThat(plain.method().invoke(plain.newBean(), "hi")).isEqualTo("plain:hi");
      assertThat(plain.classLoader()).isSameAs(getClass().getClassLoader());

      DiscoveredTask shout = catalog.task("fixture_static").orElseThrow();
      assertThat(shout.isStatic()).isTrue();
      assertThat(shout.method().invoke(null, "hi")).isEqualTo("HI");
      assertThat(catalog.taskDefs()).hasSize(3);
      assertThat(catalog.scriptsBuilt()).isEmpty();
    }
  }

  @Test
  void twoMethodsClaimingOneNameAreNamedBoth() {
    assertThatThrownBy(
            () -> builder("io.idflow.conductor.task.fixtures.duplicate").build().discover())
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("task 'fixture_twice' is declared twice")
        .hasMessageContaining("io.idflow.conductor.task.fixtures.duplicate.FirstClaim#first")
        .hasMessageContaining("io.idflow.conductor.task.fixtures.duplicate.SecondClaim#second")
        .isInstanceOf(io.idflow.api.InvalidContentException.class);
  }

  @Test
  void everyUnusableWorkerIsReportedWithItsClassAndMethod() {
    InvalidDefinitionsException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidDefinitionsException.class,
            () -> builder("io.idflow.conductor.task.fixtures.invalid").build().discover());

    assertThat(e.problems())
        .extracting(DefinitionProblem::path, DefinitionProblem::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "BadDefinition#run",
                "invalid @TaskDefinition of task 'fixture_bad_definition': responseTimeoutSeconds"
                    + " (20) must not exceed timeoutSeconds (10)"),
            org.assertj.core.groups.Tuple.tuple(
                "NoDefaultConstructor#run",
                "io.idflow.conductor.task.fixtures.invalid.InvalidWorkers$NoDefaultConstructor needs a"
                    + " public no-argument constructor or one taking an IdflowConfig"),
            org.assertj.core.groups.Tuple.tuple(
                "NotPublic#run", "the @WorkerTask method must be public"));
  }

  @Test
  void theDefaultScanReadsTheTestClassesDirectory() {
    // No packages: every class-path directory is read (and only jars that depend on java-sdk or
    // idflow-api), so the duplicate fixtures of this module's test classes are found too.
    assertThatThrownBy(() -> builder().build().discover())
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("task 'fixture_twice' is declared twice");
  }

  @Test
  void configurationSelectsPackagesAndCanTurnTheScanOff() throws Exception {
    Files.createDirectories(project.resolve("config"));
    Files.writeString(
        project.resolve("config/idflow.yml"),
        "tasks:\n  scan_packages: [io.idflow.conductor.task.fixtures.good]\n  scripts: false\n");
    IdflowConfig config = new ConfigLoader().env(Map.of()).workingDir(project).load();
    try (TaskCatalog catalog = TaskDiscovery.discover(config)) {
      assertThat(catalog.names()).contains("fixture_plain").doesNotContain("fixture_twice");
    }

    IdflowConfig env =
        new ConfigLoader()
            .env(Map.of())
            .workingDir(project)
            .flag("tasks.scan_class_path", false, "test")
            .load();
    try (TaskCatalog catalog = TaskDiscovery.discover(env)) {
      assertThat(catalog.tasks()).isEmpty();
    }
  }

  @Test
  void packagesMayBeACommaSeparatedString() {
    assertThat(TaskDiscovery.packagesOf("a.b, c.d,,")).containsExactly("a.b", "c.d");
    assertThat(TaskDiscovery.packagesOf(List.of("x", " "))).containsExactly("x");
    assertThat(TaskDiscovery.packagesOf(null)).isEmpty();
  }
}
