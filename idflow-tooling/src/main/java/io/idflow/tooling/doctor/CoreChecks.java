package io.idflow.tooling.doctor;

import io.idflow.api.ExitCode;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.LocalWorkflow;
import io.idflow.api.definition.WorkflowCatalog;
import io.idflow.api.definition.WorkflowTasks;
import io.idflow.api.doctor.DoctorCheck;
import io.idflow.api.doctor.DoctorResult;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceKind;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.maven.MavenArtifacts;
import io.idflow.conductor.task.TaskCatalog;
import io.idflow.conductor.task.TaskDiscovery;
import io.idflow.tooling.server.JavaRuntime;
import io.idflow.tooling.server.JavaRuntimes;
import io.idflow.tooling.server.LocalServer;
import io.idflow.tooling.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The checks idflow-api ships: Java, Maven, configuration, Conductor, local definitions. */
public final class CoreChecks {

  private CoreChecks() {}

  /** Java runtimes: the one running idflow, all found, and a 21+ one for the local server. */
  public static final class Java implements DoctorCheck {
    @Override
    public int order() {
      return 100;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      List<DoctorResult> out = new ArrayList<>();
      out.add(
          DoctorResult.ok(
              "java",
              "idflow runs on Java "
                  + System.getProperty("java.version")
                  + " ("
                  + System.getProperty("java.home")
                  + ")"));
      JavaRuntimes runtimes = new JavaRuntimes(config.env());
      List<JavaRuntime> all = runtimes.all();
      out.add(
          DoctorResult.ok(
              "java",
              "runtimes found: "
                  + all.stream()
                      .map(r -> r.version() + " (" + r.origin() + ", " + r.home() + ")")
                      .collect(Collectors.joining(", "))));
      Optional<JavaRuntime> server =
          runtimes.find(ServerSettings.MINIMUM_JAVA, config.string("server.java", null));
      if (server.isPresent()) {
        out.add(
            DoctorResult.ok(
                "java",
                "Java "
                    + server.get().version()
                    + " for the local Conductor server: "
                    + server.get().home()));
      } else {
        out.add(
            DoctorResult.warn(
                "java",
                "no Java 21+ runtime for `idflow server start`; install one or set"
                    + " IDFLOW_SERVER_JAVA (not needed with a remote Conductor)"));
      }
      return out;
    }
  }

  /** Maven, which installs the modules and downloads the server jar. */
  public static final class Maven implements DoctorCheck {
    @Override
    public int order() {
      return 200;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      MavenArtifacts maven = new MavenArtifacts(config.env());
      Optional<Path> mvn = maven.findMaven();
      String server =
          Files.isRegularFile(
                  maven.path(
                      "org.conductoross:conductor-server:"
                          + config.string("server.version")
                          + ":jar:boot"))
              ? "server jar present"
              : "server jar not downloaded yet";
      return List.of(
          mvn.isPresent()
              ? DoctorResult.ok(
                  "maven",
                  "mvn at " + mvn.get() + "; repository " + maven.localRepository() + "; " + server)
              : DoctorResult.warn(
                  "maven",
                  "mvn not found on PATH: needed by scripts/idflow and to download the server jar"));
    }
  }

  /** The config file: found and valid (it loaded, or doctor would have failed earlier). */
  public static final class Config implements DoctorCheck {
    @Override
    public int order() {
      return 300;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      String where =
          config
              .configFile()
              .map(f -> "config file " + f + " is valid")
              .orElse("no config/idflow.yml found; defaults apply");
      List<DoctorResult> out = new ArrayList<>();
      out.add(DoctorResult.ok("config", where + "; project root " + config.projectRoot()));
      try {
        config.conductorUrl();
        config.baseDir();
      } catch (RuntimeException e) {
        out.add(DoctorResult.fail("config", e.getMessage(), ExitCode.CONFIG));
      }
      return out;
    }
  }

  /** Conductor reachable and healthy at the configured URL. */
  public static final class Conductor implements DoctorCheck {
    @Override
    public int order() {
      return 400;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      String url;
      try {
        url = config.conductorUrl();
      } catch (RuntimeException e) {
        return List.of(DoctorResult.fail("conductor", e.getMessage(), ExitCode.CONFIG));
      }
      ConductorClients.Health h = ConductorClients.health(url, Duration.ofSeconds(5));
      String source = " (conductor.server_url from " + config.source("conductor.server_url") + ")";
      if (h.healthy()) {
        return List.of(DoctorResult.ok("conductor", "healthy at " + url + source));
      }
      String local = localServerNote(config);
      if (h.reachable()) {
        return List.of(
            DoctorResult.fail(
                "conductor",
                url + " answers but is not healthy: " + h.detail() + local,
                ExitCode.CONDUCTOR_UNAVAILABLE));
      }
      return List.of(
          DoctorResult.fail(
              "conductor",
              "not reachable at " + url + source + "; start one with `idflow server start`" + local,
              ExitCode.CONDUCTOR_UNAVAILABLE));
    }

    private static String localServerNote(IdflowConfig config) {
      LocalServer server =
          new LocalServer(config.projectRoot().resolve(".idflow/server"), config.env());
      return server.readState().map(s -> " (local server recorded at " + s.url() + ")").orElse("");
    }
  }

  /**
   * Local definitions: workflows and event handlers load and validate (core library and project).
   * Stage definitions are idflow-stage's own check.
   */
  public static final class Definitions implements DoctorCheck {
    @Override
    public int order() {
      return 500;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      WorkflowCatalog catalog = WorkflowCatalog.load(ResourceResolver.forConfig(config));
      if (catalog.problems().isEmpty()) {
        return List.of(
            DoctorResult.ok(
                "definitions",
                catalog.workflows().size()
                    + " workflow(s) and "
                    + catalog.eventHandlers().size()
                    + " event handler(s) valid"));
      }
      List<DoctorResult> out = new ArrayList<>();
      catalog
          .problems()
          .forEach(
              p ->
                  out.add(
                      DoctorResult.fail(
                          "definitions", p.toString(), ExitCode.INVALID_DEFINITIONS)));
      return out;
    }
  }

  /**
   * Documents: every document in the base directory can be read. Lists the broken ones (a file that
   * is not a valid document, a folder without {@code doc.md}, an id in two status folders).
   */
  public static final class Documents implements DoctorCheck {
    @Override
    public int order() {
      return 550;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      List<DoctorResult> broken = new ArrayList<>();
      long readable;
      try (DocumentStore store =
              DocumentStores.open(config, DocumentStores.Options.defaults().withListeners(false));
          java.util.stream.Stream<Document> docs =
              store.where(
                  DocumentQuery.all()
                      .onCorrupt(
                          e ->
                              broken.add(
                                  DoctorResult.fail(
                                      "documents",
                                      "broken document: " + e.getMessage(),
                                      ExitCode.INVALID_DEFINITIONS))))) {
        readable = docs.count();
      } catch (IdflowException e) {
        ExitCode code =
            e instanceof io.idflow.api.ConfigurationException
                ? ExitCode.CONFIG
                : e instanceof io.idflow.api.InvalidContentException
                    ? ExitCode.INVALID_DEFINITIONS
                    : ExitCode.UNEXPECTED;
        return List.of(DoctorResult.fail("documents", e.getMessage(), code));
      } catch (RuntimeException e) {
        return List.of(DoctorResult.fail("documents", String.valueOf(e), ExitCode.UNEXPECTED));
      }
      if (broken.isEmpty()) {
        return List.of(DoctorResult.ok("documents", readable + " document(s) readable"));
      }
      return broken;
    }
  }

  /**
   * Every worker task ({@code SIMPLE}) of every local workflow has a worker: a class-path worker
   * (found as {@code idflow worker start} finds them) or a task script that declares it with
   * {@code @WorkerTask("name")} (read from the script's text, without building it). A workflow task
   * with an inline {@code taskDefinition} is left to whoever runs it. A task without a worker fails
   * with exit code 5, naming the workflow and the task.
   */
  public static final class Workers implements DoctorCheck {

    private static final Pattern SCRIPT_TASK =
        Pattern.compile("@WorkerTask\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");

    @Override
    public int order() {
      return 520;
    }

    @Override
    public List<DoctorResult> run(IdflowConfig config) {
      ResourceResolver resolver = ResourceResolver.forConfig(config);
      WorkflowCatalog catalog = WorkflowCatalog.load(resolver);
      Set<String> classPath = new TreeSet<>();
      try (TaskCatalog tasks = TaskDiscovery.builder(config).scripts(false).build().discover()) {
        classPath.addAll(tasks.names());
      } catch (IdflowException e) {
        return List.of(DoctorResult.fail("workers", e.getMessage(), ExitCode.INVALID_DEFINITIONS));
      }
      Set<String> scripts = new TreeSet<>();
      for (ResourceDir dir : resolver.directories(ResourceKind.TASKS)) {
        for (ResourceFile f : dir.topLevelFiles()) {
          if (f.fileName().endsWith(".java")) {
            Matcher m = SCRIPT_TASK.matcher(f.readString());
            while (m.find()) {
              scripts.add(m.group(1));
            }
          }
        }
      }
      List<DoctorResult> out = new ArrayList<>();
      int used = 0;
      for (LocalWorkflow w : catalog.workflows()) {
        used += WorkflowTasks.workerTaskNames(w.definition()).size();
        WorkflowTasks.unknownWorkerTasks(
            w.definition(),
            name -> classPath.contains(name) || scripts.contains(name),
            (path, name) ->
                out.add(
                    DoctorResult.fail(
                        "workers",
                        "workflow "
                            + w.label()
                            + " ("
                            + w.source().displayName()
                            + ") runs task "
                            + name
                            + ", which no worker defines (no class-path worker, no task script)",
                        ExitCode.INVALID_DEFINITIONS)));
      }
      if (out.isEmpty()) {
        out.add(
            DoctorResult.ok(
                "workers",
                used
                    + " worker task(s) of the local workflows have a worker ("
                    + classPath.size()
                    + " on the class path, "
                    + scripts.size()
                    + " in task scripts)"));
      }
      return out;
    }
  }
}
