package io.idflow.conductor.task;

import com.netflix.conductor.common.metadata.tasks.TaskDef;
import com.netflix.conductor.sdk.workflow.task.WorkerTask;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import io.idflow.api.IdflowException;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceDir;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceKind;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.conductor.maven.MavenArtifacts;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds task worker methods, the methods annotated with Conductor's {@code @WorkerTask} (and
 * optionally idflow's {@link TaskDefinition}), in two places:
 *
 * <ol>
 *   <li>the class path of the parent class loader (ClassGraph). To stay fast it reads only
 *       class-path directories and jars that depend on {@code java-sdk} or {@code idflow-api}, or,
 *       when packages are configured ({@code tasks.scan_packages}), only those packages;
 *   <li>task scripts: every {@code tasks/<name>/*.java} file (not in sub-folders) that contains
 *       {@code @WorkerTask}, in the effective task folders of the {@link ResourceResolver} (the
 *       project's folder replaces the core library's folder of the same name). Other {@code .java}
 *       files of the folder are helpers a script may pull in with {@code //SOURCES}. Each script is
 *       a JBang script with its own {@code //DEPS}: it is compiled with {@code jbang build} (JBang
 *       from the local Maven repository, {@code dev.jbang:jbang-cli:<jbang.version>:jar:all},
 *       downloaded through Maven when missing), the result is cached under {@code
 *       <project>/.idflow/cache/tasks/} until a file of the folder or a dependency jar changes, and
 *       loaded in a class loader of its own whose parent is the caller's class loader (parent
 *       first: idflow's and Conductor's classes are shared).
 * </ol>
 *
 * <p>Everything found is checked: a method must be public, a non-static method's class public,
 * concrete and with a public no-arg constructor (or one taking an {@code IdflowConfig}), its {@link
 * TaskDefinition} valid, and no task name declared twice. Any problem, and any script that does not
 * build or load, fails the discovery with an {@link InvalidDefinitionsException} (exit 5) naming
 * every problem; nothing is skipped silently.
 *
 * <p>Not thread-safe; create one per discovery. The {@link TaskCatalog} it returns is.
 */
public final class TaskDiscovery {

  private final ResourceResolver resolver;
  private final ClassLoader parent;
  private final boolean scanClassPath;
  private final List<String> packages;
  private final boolean scripts;
  private final Path cacheDir;
  private final Map<String, String> env;
  private final String jbangVersion;
  private final Path jbangJar;
  private final Duration buildTimeout;
  private final Consumer<String> progress;

  private TaskDiscovery(Builder b) {
    this.resolver = b.resolver;
    this.parent = b.parent;
    this.scanClassPath = b.scanClassPath;
    this.packages = List.copyOf(b.packages);
    this.scripts = b.scripts;
    this.cacheDir = b.cacheDir;
    this.env = Map.copyOf(b.env);
    this.jbangVersion = b.jbangVersion;
    this.jbangJar = b.jbangJar;
    this.buildTimeout = b.buildTimeout;
    this.progress = b.progress;
  }

  /**
   * A builder with the settings of a configuration:
   *
   * <ul>
   *   <li>resolver: {@link ResourceResolver#forConfig(IdflowConfig)};
   *   <li>{@code tasks.scan_class_path} (default true), {@code tasks.scan_packages} (a list or a
   *       comma-separated string; default empty: the jar filter described above), {@code
   *       tasks.scripts} (default true), {@code tasks.build_timeout_seconds} (default 600);
   *   <li>{@code jbang.version} (default 0.132.1); the environment for JBang: {@link
   *       IdflowConfig#env()} (so {@code JBANG_REPO}, {@code JBANG_DIR}, {@code JAVA_HOME} apply);
   *   <li>cache: {@code <project>/.idflow/cache/tasks}; parent class loader: the thread's context
   *       class loader, else idflow-api's.
   * </ul>
   */
  public static Builder builder(IdflowConfig config) {
    Builder b = new Builder();
    b.resolver = ResourceResolver.forConfig(config);
    b.scanClassPath = config.bool("tasks.scan_class_path", true);
    b.packages = packagesOf(config.get("tasks.scan_packages").orElse(null));
    b.scripts = config.bool("tasks.scripts", true);
    b.buildTimeout = Duration.ofSeconds(config.integer("tasks.build_timeout_seconds", 600));
    b.jbangVersion = config.string("jbang.version", Builder.DEFAULT_JBANG_VERSION);
    b.env = config.env();
    b.cacheDir = config.projectRoot().resolve(".idflow").resolve("cache").resolve("tasks");
    return b;
  }

  /** Shorthand for {@code builder(config).build().discover()}. */
  public static TaskCatalog discover(IdflowConfig config) {
    return builder(config).build().discover();
  }

  /**
   * Finds, checks and loads every task.
   *
   * @throws InvalidDefinitionsException (exit 5) naming every problem found
   * @throws IdflowException (exit 3) when JBang is needed and cannot be fetched
   */
  public TaskCatalog discover() {
    List<DiscoveredTask> found = new ArrayList<>();
    List<DefinitionProblem> problems = new ArrayList<>();
    List<URLClassLoader> loaders = new ArrayList<>();
    List<String> built = new ArrayList<>();
    boolean ok = false;
    try {
      if (scanClassPath) {
        scanClassPath(found, problems);
      }
      if (scripts) {
        loadScripts(found, problems, loaders, built);
      }
      Map<String, DiscoveredTask> byName = new LinkedHashMap<>();
      for (DiscoveredTask t : found) {
        DiscoveredTask first = byName.putIfAbsent(t.name(), t);
        if (first != null) {
          problems.add(
              new DefinitionProblem(
                  t.source().location(),
                  t.beanClass().getSimpleName() + "#" + t.method().getName(),
                  "task '"
                      + t.name()
                      + "' is declared twice: by "
                      + first.methodName()
                      + " ("
                      + first.source()
                      + ") and by "
                      + t.methodName()
                      + " ("
                      + t.source()
                      + ")"));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidDefinitionsException(problems);
      }
      ok = true;
      return new TaskCatalog(found, built, loaders);
    } finally {
      if (!ok) {
        new TaskCatalog(List.of(), List.of(), loaders).close();
      }
    }
  }

  private void scanClassPath(List<DiscoveredTask> found, List<DefinitionProblem> problems) {
    ClassGraph graph =
        new ClassGraph()
            .enableMethodInfo()
            .enableAnnotationInfo()
            // Non-public workers are reported, not silently passed over.
            .ignoreClassVisibility()
            .ignoreMethodVisibility()
            .disableRuntimeInvisibleAnnotations()
            .disableNestedJarScanning()
            .disableModuleScanning()
            .overrideClassLoaders(parent);
    if (packages.isEmpty()) {
      graph.filterClasspathElements(WorkerJars::mayHoldWorkers);
    } else {
      graph.acceptPackages(packages.toArray(String[]::new));
    }
    try (ScanResult scan = graph.scan()) {
      for (ClassInfo ci : sorted(scan.getClassesWithMethodAnnotation(WorkerTask.class))) {
        Class<?> type;
        try {
          type = Class.forName(ci.getName(), false, parent);
        } catch (ClassNotFoundException | LinkageError e) {
          problems.add(new DefinitionProblem(ci.getName(), "$", "cannot load the class: " + e));
          continue;
        }
        TaskSource source =
            new TaskSource(TaskSource.Kind.CLASS_PATH, type.getName(), Origin.STANDARD, null, null);
        inspect(type, source, "Task from " + type.getName(), found, problems);
      }
    }
  }

  private void loadScripts(
      List<DiscoveredTask> found,
      List<DefinitionProblem> problems,
      List<URLClassLoader> loaders,
      List<String> built) {
    ScriptBuilder builder =
        new ScriptBuilder(cacheDir, this::jbangJar, jbangVersion, env, buildTimeout, progress);
    for (ResourceDir dir : resolver.directories(ResourceKind.TASKS)) {
      for (ResourceFile file : dir.topLevelFiles()) {
        if (!file.fileName().endsWith(".java") || !file.readString().contains("@WorkerTask")) {
          continue;
        }
        ScriptBuilder.Build build;
        try {
          build = builder.build(dir, file);
        } catch (io.idflow.api.InvalidContentException e) {
          problems.add(new DefinitionProblem(file.displayName(), "$", e.getMessage()));
          continue;
        }
        if (build.built()) {
          built.add(file.displayName());
        }
        URLClassLoader loader = loader(dir, build);
        loaders.add(loader);
        TaskSource source =
            new TaskSource(
                TaskSource.Kind.SCRIPT,
                file.displayName(),
                dir.origin(),
                dir.name(),
                build.scriptFile());
        int before = found.size() + problems.size();
        try (ScanResult scan =
            new ClassGraph()
                .enableMethodInfo()
                .enableAnnotationInfo()
                .ignoreClassVisibility()
                .ignoreMethodVisibility()
                .overrideClasspath(build.jar().toString())
                .scan()) {
          for (ClassInfo ci : sorted(scan.getClassesWithMethodAnnotation(WorkerTask.class))) {
            Class<?> type;
            try {
              type = Class.forName(ci.getName(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
              problems.add(
                  new DefinitionProblem(
                      file.displayName(), "$", "cannot load " + ci.getName() + ": " + e));
              continue;
            }
            inspect(type, source, "Task from " + file.fileName(), found, problems);
          }
        }
        if (found.size() + problems.size() == before) {
          problems.add(
              new DefinitionProblem(
                  file.displayName(),
                  "$",
                  "mentions @WorkerTask but JBang's build has no @WorkerTask method"));
        }
      }
    }
  }

  private URLClassLoader loader(ResourceDir dir, ScriptBuilder.Build build) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.add(build.jar().toUri().toURL());
      for (Path p : build.classPath()) {
        urls.add(p.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    return new URLClassLoader("idflow-task-" + dir.name(), urls.toArray(URL[]::new), parent);
  }

  /** Checks the class's {@code @WorkerTask} methods and adds them (or their problems). */
  private static void inspect(
      Class<?> type,
      TaskSource source,
      String defaultDescription,
      List<DiscoveredTask> found,
      List<DefinitionProblem> problems) {
    Method[] methods;
    try {
      methods = type.getDeclaredMethods();
    } catch (LinkageError e) {
      problems.add(
          new DefinitionProblem(source.location(), type.getName(), "cannot load the class: " + e));
      return;
    }
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      WorkerTask wt = m.getAnnotation(WorkerTask.class);
      if (wt == null) {
        continue;
      }
      String where = type.getSimpleName() + "#" + m.getName();
      String problem = check(type, m, wt);
      if (problem != null) {
        problems.add(new DefinitionProblem(source.location(), where, problem));
        continue;
      }
      TaskDef def;
      try {
        def = TaskDefinitions.toTaskDef(wt.value(), m, defaultDescription);
      } catch (IdflowException e) {
        problems.add(new DefinitionProblem(source.location(), where, e.getMessage()));
        continue;
      }
      found.add(
          new DiscoveredTask(
              wt.value(),
              m,
              type.getClassLoader(),
              wt.threadCount(),
              wt.pollingInterval(),
              wt.domain(),
              def,
              source));
    }
  }

  private static String check(Class<?> type, Method m, WorkerTask wt) {
    if (wt.value() == null || wt.value().isBlank()) {
      return "@WorkerTask has a blank task name";
    }
    if (io.idflow.api.definition.DefinitionNames.problem("task name", wt.value()) != null) {
      return "@WorkerTask: "
          + io.idflow.api.definition.DefinitionNames.problem("task name", wt.value());
    }
    if (!Modifier.isPublic(m.getModifiers())) {
      return "the @WorkerTask method must be public";
    }
    if (wt.threadCount() < 1) {
      return "@WorkerTask threadCount must be >= 1, not " + wt.threadCount();
    }
    if (Modifier.isStatic(m.getModifiers())) {
      return null;
    }
    if (!Modifier.isPublic(type.getModifiers())
        || Modifier.isAbstract(type.getModifiers())
        || type.isInterface()
        || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
      return type.getName() + " must be a public, concrete, top-level or static class";
    }
    if (DiscoveredTask.hasConfigConstructor(type)) {
      return null;
    }
    try {
      type.getConstructor();
      return null;
    } catch (NoSuchMethodException e) {
      return type.getName()
          + " needs a public no-argument constructor or one taking an IdflowConfig";
    }
  }

  private static List<ClassInfo> sorted(List<ClassInfo> classes) {
    List<ClassInfo> out = new ArrayList<>(classes);
    out.sort(Comparator.comparing(ClassInfo::getName));
    return out;
  }

  private Path jbangJar() {
    if (jbangJar != null) {
      return jbangJar;
    }
    return new MavenArtifacts(env)
        .resolve("dev.jbang:jbang-cli:" + jbangVersion + ":jar:all", progress);
  }

  static List<String> packagesOf(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && !String.valueOf(o).isBlank()) {
          out.add(String.valueOf(o).trim());
        }
      }
    } else if (value != null) {
      for (String s : String.valueOf(value).split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  /** Settings of a discovery; {@link TaskDiscovery#builder(IdflowConfig)} fills them in. */
  public static final class Builder {
    static final String DEFAULT_JBANG_VERSION = "0.132.1";

    private ResourceResolver resolver;
    private ClassLoader parent = defaultParent();
    private boolean scanClassPath = true;
    private List<String> packages = List.of();
    private boolean scripts = true;
    private Path cacheDir;
    private Map<String, String> env = Map.of();
    private String jbangVersion = DEFAULT_JBANG_VERSION;
    private Path jbangJar;
    private Duration buildTimeout = Duration.ofMinutes(10);
    private Consumer<String> progress = line -> {};

    private Builder() {}

    /** Where task folders come from. */
    public Builder resolver(ResourceResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The class loader whose class path is scanned and which is the parent of every script's loader
     * (default: the thread's context class loader, else idflow-api's).
     */
    public Builder parentClassLoader(ClassLoader parent) {
      this.parent = Objects.requireNonNull(parent, "parent");
      return this;
    }

    /** Whether to scan the class path (default: {@code tasks.scan_class_path}, true). */
    public Builder scanClassPath(boolean scan) {
      this.scanClassPath = scan;
      return this;
    }

    /**
     * Limits the class-path scan to these packages (and their sub-packages) in every class-path
     * element; empty (the default, {@code tasks.scan_packages}) scans every directory and every jar
     * that depends on {@code java-sdk} or {@code idflow-api}.
     */
    public Builder packages(List<String> packages) {
      this.packages = List.copyOf(packages);
      return this;
    }

    /** Whether to compile and load task scripts (default: {@code tasks.scripts}, true). */
    public Builder scripts(boolean scripts) {
      this.scripts = scripts;
      return this;
    }

    /** Where compiled scripts are cached (default {@code <project>/.idflow/cache/tasks}). */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = cacheDir.toAbsolutePath();
      return this;
    }

    /** The environment JBang runs with (default: the configuration's). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /**
     * The JBang jar ({@code jbang-cli-<v>-all.jar}) to run; default: taken from the local Maven
     * repository (downloaded through Maven when missing) the first time a script needs building.
     */
    public Builder jbangJar(Path jar) {
      this.jbangJar = jar;
      return this;
    }

    /** JBang's version when {@link #jbangJar(Path)} is not given (default 0.132.1). */
    public Builder jbangVersion(String version) {
      this.jbangVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** How long one JBang call may take (default 10 minutes: it may download dependencies). */
    public Builder buildTimeout(Duration timeout) {
      this.buildTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Receives one line of progress before each JBang build or download (default: none). */
    public Builder progress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * The discovery.
     *
     * @throws IllegalStateException when scripts are enabled without a resolver or cache folder
     */
    public TaskDiscovery build() {
      if (scripts && (resolver == null || cacheDir == null)) {
        throw new IllegalStateException("task scripts need a resolver and a cache folder");
      }
      if (resolver == null) {
        resolver = ResourceResolver.builder().build();
      }
      return new TaskDiscovery(this);
    }

    private static ClassLoader defaultParent() {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : TaskDiscovery.class.getClassLoader();
    }
  }
}
