package io.idflow.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.conductor.task.DiscoveredTask;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import io.idflow.conductor.task.TaskSource;
import io.idflow.testing.JBangRunner;
import io.idflow.testing.ModuleRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task scripts compiled through JBang against the idflow-api jar of this build ({@code //DEPS
 * io.idflow:idflow-api:0.1.0-SNAPSHOT} resolves from {@link ModuleRepository}).
 */
class TaskScriptsIT {

  @TempDir Path project;

  private final List<String> progress = new ArrayList<>();

  private static Map<String, String> env;

  private IdflowConfig config() {
    synchronized (TaskScriptsIT.class) {
      // Prepared once: re-copying the module jars would (rightly) invalidate cached builds.
      if (env == null) {
        env = new HashMap<>();
        for (String keep : new String[] {"PATH", "HOME", "JAVA_HOME"}) {
          if (System.getenv(keep) != null) {
            env.put(keep, System.getenv(keep));
          }
        }
        // JBANG_REPO (this build's modules) and JBANG_DIR (a cache under target/).
        env.putAll(new JBangRunner(project, "idflow-api", "idflow-conductor").environment());
      }
    }
    return new ConfigLoader().env(env).workingDir(project).load();
  }

  private TaskDiscovery.Builder scriptsOnly() {
    return TaskDiscovery.builder(config()).scanClassPath(false).progress(progress::add);
  }

  private void write(String relative, String content) throws IOException {
    Path p = project.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static final String GREET =
      """
      //DEPS io.idflow:idflow-conductor:0.1.0-SNAPSHOT
      //SOURCES Salutation.java
      import com.netflix.conductor.sdk.workflow.task.InputParam;
      import com.netflix.conductor.sdk.workflow.task.WorkerTask;
      import io.idflow.conductor.task.TaskDefinition;

      public class Greet {
        @WorkerTask(value = "it_greet", threadCount = 2)
        @TaskDefinition(retryCount = 2)
        public String greet(@InputParam("name") String name) {
          return Salutation.WORD + ", " + name;
        }
      }
      """;

  @Test
  void aProjectScriptIsBuiltOnceAndThenComesFromTheCache() throws Exception {
    write("tasks/greet/Greet.java", GREET);
    write(
        "tasks/greet/Salutation.java",
        "class Salutation { static final String WORD = \"Hello\"; }\n");

    try (TaskCatalog catalog = scriptsOnly().build().discover()) {
      assertThat(catalog.names()).containsExactly("it_greet");
      assertThat(catalog.scriptsBuilt()).containsExactly("tasks/greet/Greet.java");
      DiscoveredTask greet = catalog.task("it_greet").orElseThrow();
      assertThat(greet.source().kind()).isEqualTo(TaskSource.Kind.SCRIPT);
      assertThat(greet.source().location()).isEqualTo("tasks/greet/Greet.java");
      assertThat(greet.source().origin()).isEqualTo(Origin.CUSTOM);
      assertThat(greet.source().taskDirectory()).isEqualTo("greet");
      assertThat(greet.threadCount()).isEqualTo(2);
      assertThat(greet.taskDef().getRetryCount()).isEqualTo(2);
      assertThat(greet.taskDef().getDescription()).isEqualTo("Task from Greet.java");
      assertThat(greet.classLoader().getParent()).isSameAs(getClass().getClassLoader());
      assertThat(greet.method().invoke(greet.newBean(), "Ada")).isEqualTo("Hello, Ada");
    }
    assertThat(progress).anyMatch(l -> l.contains("Building task script tasks/greet/Greet.java"));

    // Unchanged: no JBang at all (a JBang jar that does not exist would fail any build).
    progress.clear();
    try (TaskCatalog catalog =
        scriptsOnly().jbangJar(project.resolve("no-such-jbang.jar")).build().discover()) {
      assertThat(catalog.scriptsBuilt()).isEmpty();
      DiscoveredTask greet = catalog.task("it_greet").orElseThrow();
      assertThat(greet.method().invoke(greet.newBean(), "Bob")).isEqualTo("Hello, Bob");
    }
    assertThat(progress).isEmpty();

    // A helper of the folder changed: built again, and the change is visible.
    write(
        "tasks/greet/Salutation.java", "class Salutation { static final String WORD = \"Hi\"; }\n");
    try (TaskCatalog catalog = scriptsOnly().build().discover()) {
      assertThat(catalog.scriptsBuilt()).containsExactly("tasks/greet/Greet.java");
      DiscoveredTask greet = catalog.task("it_greet").orElseThrow();
      assertThat(greet.method().invoke(greet.newBean(), "Cy")).isEqualTo("Hi, Cy");
    }
    // Only the newest build of the script is kept.
    try (var entries = Files.list(project.resolve(".idflow/cache/tasks/builds"))) {
      assertThat(entries.filter(p -> p.getFileName().toString().startsWith("greet-Greet-")))
          .hasSize(1);
    }
  }

  @Test
  void aScriptThatDoesNotCompileIsAnErrorNamingTheFile() throws Exception {
    write(
        "tasks/broken/Broken.java",
        """
        //DEPS io.idflow:idflow-conductor:0.1.0-SNAPSHOT
        import com.netflix.conductor.sdk.workflow.task.WorkerTask;
        public class Broken {
          @WorkerTask("it_broken")
          public String run() { int n = "not a number"; return "x"; }
        }
        """);

    assertThatThrownBy(() -> scriptsOnly().build().discover())
        .isInstanceOfSatisfying(
            InvalidDefinitionsException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).source()).isEqualTo("tasks/broken/Broken.java");
              assertThat(e.getMessage())
                  .contains("task script tasks/broken/Broken.java does not build")
                  .contains("Broken.java:5: error: incompatible types");
            });
  }

  @Test
  void aCoreScriptIsExtractedFromItsJarAndAProjectFolderReplacesIt() throws Exception {
    // The repository's tasks/echo/Echo.java needs idflow-worker (its main runs TaskScript), which
    // is built after this module; a stand-in with the same task definition plays the core script.
    String coreEcho =
        """
        //DEPS io.idflow:idflow-conductor:0.1.0-SNAPSHOT
        import com.netflix.conductor.sdk.workflow.task.InputParam;
        import com.netflix.conductor.sdk.workflow.task.WorkerTask;
        import io.idflow.conductor.task.TaskDefinition;
        import java.util.Map;

        public class Echo {
          @WorkerTask("echo")
          @TaskDefinition(
              description = "Returns its input 'text' as 'echo'",
              retryCount = 1,
              timeoutSeconds = 60,
              responseTimeoutSeconds = 30)
          public Map<String, Object> echo(@InputParam("text") String text) {
            return Map.of("echo", text == null ? "" : text);
          }
        }
        """;
    Path jar = project.resolve("lib/core-tasks.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String dir :
          List.of("idflow/", "idflow/core/", "idflow/core/tasks/", "idflow/core/tasks/echo/")) {
        zip.putNextEntry(new ZipEntry(dir));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("idflow/core/tasks/echo/Echo.java"));
      zip.write(coreEcho.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    URLClassLoader core = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    ResourceResolver coreOnly = ResourceResolver.builder().core(core).project(project).build();

    try (TaskCatalog catalog = scriptsOnly().resolver(coreOnly).build().discover()) {
      DiscoveredTask echo = catalog.task("echo").orElseThrow();
      assertThat(echo.source().location()).isEqualTo("core:tasks/echo/Echo.java");
      assertThat(echo.source().origin()).isEqualTo(Origin.STANDARD);
      assertThat(echo.source().file()).startsWith(project.resolve(".idflow/cache/tasks/sources"));
      assertThat(echo.taskDef().getDescription()).isEqualTo("Returns its input 'text' as 'echo'");
      assertThat(echo.taskDef().getTimeoutSeconds()).isEqualTo(60);
      assertThat(echo.method().invoke(echo.newBean(), "hi")).isEqualTo(Map.of("echo", "hi"));
    }

    write(
        "tasks/echo/Echo.java",
        """
        //DEPS io.idflow:idflow-conductor:0.1.0-SNAPSHOT
        import com.netflix.conductor.sdk.workflow.task.InputParam;
        import com.netflix.conductor.sdk.workflow.task.WorkerTask;
        public class Echo {
          @WorkerTask("echo")
          public String echo(@InputParam("text") String text) { return text.toUpperCase(); }
        }
        """);
    try (TaskCatalog catalog = scriptsOnly().resolver(coreOnly).build().discover()) {
      DiscoveredTask echo = catalog.task("echo").orElseThrow();
      assertThat(echo.source().location()).isEqualTo("tasks/echo/Echo.java");
      assertThat(echo.source().origin()).isEqualTo(Origin.EXTENDED);
      assertThat(echo.method().invoke(echo.newBean(), "hi")).isEqualTo("HI");
    }
  }

  @Test
  void aScriptClaimingAClassPathTasksNameIsAnErrorNamingBoth() throws Exception {
    write(
        "tasks/copycat/Copycat.java",
        """
        //DEPS io.idflow:idflow-conductor:0.1.0-SNAPSHOT
        import com.netflix.conductor.sdk.workflow.task.WorkerTask;
        public class Copycat {
          @WorkerTask("fixture_plain")
          public String plain() { return "copy"; }
        }
        """);

    assertThatThrownBy(
            () ->
                TaskDiscovery.builder(config())
                    .packages(List.of("io.idflow.conductor.task.fixtures.good"))
                    .build()
                    .discover())
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("task 'fixture_plain' is declared twice")
        .hasMessageContaining("io.idflow.conductor.task.fixtures.good.GoodWorkers#plain")
        .hasMessageContaining("Copycat#plain (tasks/copycat/Copycat.java)");
  }
}
