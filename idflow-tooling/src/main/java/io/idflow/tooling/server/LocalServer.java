package io.idflow.tooling.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.maven.MavenArtifacts;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Conductor OSS server run from the boot jar of Maven Central, in the background, with SQLite
 * persistence: what {@code idflow server start|stop|status|logs} manage and what the integration
 * tests use.
 *
 * <p>The server's pid and settings are recorded in {@code server.json} in a state folder (the
 * project's {@code .idflow/server/}). {@link #stop} ends exactly the recorded process, after
 * checking that the pid still belongs to it; it never searches the process table.
 *
 * <p>Not thread-safe: one command manages a server at a time.
 */
public final class LocalServer {

  /** The name of the state file in the state folder. */
  public static final String STATE_FILE = "server.json";

  /** The name of the server's log file in its data folder. */
  public static final String LOG_FILE = "conductor.log";

  private static final ObjectMapper JSON = Json.PRETTY;

  private final Path stateDir;
  private final Map<String, String> env;

  /**
   * A server whose state lives in this folder.
   *
   * @param stateDir the folder for {@code server.json}, e.g. {@code <project>/.idflow/server}
   * @param env the environment, for looking up Java and Maven
   */
  public LocalServer(Path stateDir, Map<String, String> env) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.env = Map.copyOf(env);
  }

  /**
   * What {@code server.json} records about a started server.
   *
   * @param pid the server's process id
   * @param port its HTTP port
   * @param url its base URL
   * @param version the conductor-server version
   * @param java the Java runtime's home
   * @param dataDir the data folder (database and log)
   * @param logFile the log file
   * @param startedAt when the process started (ISO-8601), used to tell it from a re-used pid
   */
  public record State(
      long pid,
      int port,
      String url,
      String version,
      String java,
      String dataDir,
      String logFile,
      String startedAt) {}

  /**
   * The outcome of {@link #start}.
   *
   * @param state the running server
   * @param alreadyRunning the server was running before and nothing was started
   * @param managed false when a Conductor not started by idflow already answers on the port
   */
  public record StartResult(State state, boolean alreadyRunning, boolean managed) {}

  /**
   * What {@link #status} found.
   *
   * @param running the recorded process is alive
   * @param healthy it answers {@code /health} as healthy
   * @param state the recorded state, or null when none is recorded
   * @param detail the health answer or why the server is not running
   */
  public record Status(boolean running, boolean healthy, State state, String detail) {
    /** How long the server has been up, when it runs. */
    public Optional<Duration> uptime() {
      if (!running || state == null || state.startedAt() == null) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(Instant.parse(state.startedAt()), Instant.now()));
    }
  }

  /** The state folder. */
  public Path stateDir() {
    return stateDir;
  }

  /** The recorded state, if a server was started and not stopped. */
  public Optional<State> readState() {
    Path f = stateDir.resolve(STATE_FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), State.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The process of the recorded server, when it is still alive and still the same process. */
  public Optional<ProcessHandle> process() {
    return readState().flatMap(LocalServer::liveProcess);
  }

  /** Whether the recorded server runs and whether it is healthy. Removes a stale state file. */
  public Status status() {
    Optional<State> state = readState();
    if (state.isEmpty()) {
      return new Status(false, false, null, "not started");
    }
    if (liveProcess(state.get()).isEmpty()) {
      deleteState();
      return new Status(
          false, false, state.get(), "not running (stale pid " + state.get().pid() + ")");
    }
    ConductorClients.Health h = ConductorClients.health(state.get().url(), Duration.ofSeconds(3));
    return new Status(true, h.healthy(), state.get(), h.detail());
  }

  /**
   * Starts the server in the background and waits until {@code /health} reports healthy.
   *
   * <p>When the recorded server is already running, nothing is started. When a healthy Conductor
   * that idflow did not start answers on the port, that one is reported (not managed).
   *
   * @param settings port, data folder, version, JVM options, time-out
   * @param progress receives one line per step (download, launch, wait)
   * @throws IdflowException exit 3 when no Java 21+ runtime is found, the port is in use, or the
   *     server does not become healthy; exit 1 when the process cannot be launched
   */
  public StartResult start(ServerSettings settings, Consumer<String> progress) {
    Status current = status();
    if (current.running()) {
      return new StartResult(current.state(), true, true);
    }
    if (!portIsFree(settings.port())) {
      ConductorClients.Health h = ConductorClients.health(settings.url(), Duration.ofSeconds(3));
      if (h.healthy()) {
        State foreign = new State(0, settings.port(), settings.url(), "unknown", "", "", "", null);
        return new StartResult(foreign, true, false);
      }
      throw IdflowException.config(
          "port "
              + settings.port()
              + " is in use by another program; stop it or choose another port with --port N");
    }
    JavaRuntime java = findJava(settings);
    Path jar = new MavenArtifacts(env).resolve(settings.coordinates(), progress);
    try {
      Files.createDirectories(settings.dataDir());
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw IdflowException.config("cannot create " + settings.dataDir() + ": " + e.getMessage());
    }
    Path log = settings.dataDir().resolve(LOG_FILE);
    List<String> cmd = command(settings, java, jar);
    progress.accept(
        "Starting Conductor "
            + settings.version()
            + " on port "
            + settings.port()
            + " with "
            + java);
    Process process;
    try {
      rotate(log);
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(settings.dataDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      process = pb.start();
    } catch (IOException e) {
      throw new IdflowException("cannot launch the Conductor server: " + e.getMessage(), e);
    }
    Instant started = process.toHandle().info().startInstant().orElse(Instant.now());
    State state =
        new State(
            process.pid(),
            settings.port(),
            settings.url(),
            settings.version(),
            java.home().toString(),
            settings.dataDir().toString(),
            log.toString(),
            started.toString());
    writeState(state);
    progress.accept("Waiting for " + settings.url() + "/health (log: " + log + ")");
    awaitHealthy(process, state, settings.startTimeout(), progress);
    return new StartResult(state, false, true);
  }

  /**
   * Stops the recorded server: SIGTERM, then SIGKILL after the grace period.
   *
   * @param grace how long to wait for a clean exit
   * @return the state of the server that was stopped, or empty when none was running
   */
  public Optional<State> stop(Duration grace) {
    Optional<State> state = readState();
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProcessHandle> handle = liveProcess(state.get());
    if (handle.isEmpty()) {
      deleteState();
      return Optional.empty();
    }
    ProcessHandle p = handle.get();
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      p.onExit().join();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IdflowException("cannot stop pid " + p.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdflowException("interrupted while stopping pid " + p.pid());
    }
    deleteState();
    return state;
  }

  /**
   * Who runs the Conductor server that answers on a port, when it is a process of this user on this
   * machine started from the conductor-server jar: its pid and its data folder (from its SQLite
   * URL), the folder of the project it belongs to when that is an idflow project's.
   *
   * @return empty when no such process is found (another user's, a container, a remote server)
   */
  public static Optional<Owner> ownerOf(int port) {
    String portArg = "--server.port=" + port;
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(
            p -> {
              String[] args = p.info().arguments().orElse(new String[0]);
              boolean conductor = false;
              boolean onPort = false;
              String data = null;
              for (String a : args) {
                conductor |= a.contains("conductor-server");
                onPort |= a.equals(portArg);
                if (a.startsWith("--spring.datasource.url=jdbc:sqlite:")) {
                  String file = a.substring("--spring.datasource.url=jdbc:sqlite:".length());
                  int q = file.indexOf('?');
                  data = Path.of(q < 0 ? file : file.substring(0, q)).getParent().toString();
                }
              }
              return conductor && onPort ? new Owner(p.pid(), data) : null;
            })
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  /**
   * The process that runs a Conductor server.
   *
   * @param pid its process id
   * @param dataDir its data folder (where its SQLite database is), or null when not known
   */
  public record Owner(long pid, String dataDir) {}

  /** The log file of the recorded server, or of a server in this state folder that ran before. */
  public Optional<Path> logFile() {
    return readState().map(s -> Path.of(s.logFile())).filter(Files::exists);
  }

  private JavaRuntime findJava(ServerSettings settings) {
    JavaRuntimes runtimes = new JavaRuntimes(env);
    return runtimes
        .find(ServerSettings.MINIMUM_JAVA, settings.javaOverride())
        .orElseThrow(
            () -> {
              String found =
                  runtimes.all().stream()
                      .map(r -> r.feature() + " (" + r.home() + ")")
                      .collect(Collectors.joining(", "));
              String named =
                  settings.javaOverride() != null && !settings.javaOverride().isBlank()
                      ? "the configured Java ("
                          + settings.javaOverride()
                          + ") is not a Java 21+ JDK; "
                      : "";
              return IdflowException.config(
                  named
                      + "the local Conductor server needs Java 21 or newer, found "
                      + (found.isEmpty() ? "none" : found)
                      + "; install one or set IDFLOW_SERVER_JAVA to its home");
            });
  }

  private static List<String> command(ServerSettings settings, JavaRuntime java, Path jar) {
    List<String> cmd = new ArrayList<>();
    // setsid puts the server in its own session, so a Ctrl-C in the terminal that started it
    // does not reach it. It replaces itself with java, so the pid stays the server's.
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(setsid))) {
        cmd.add(setsid);
        break;
      }
    }
    cmd.add(java.executable().toString());
    cmd.addAll(settings.jvmOptions());
    cmd.add("-Didflow.local-server=true");
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--server.port=" + settings.port());
    cmd.add("--server.address=" + settings.address());
    cmd.add(
        "--spring.datasource.url=jdbc:sqlite:"
            + settings.dataDir().resolve("conductor.db")
            + "?busy_timeout=15000&journal_mode=WAL");
    return cmd;
  }

  /** How often {@code start} says how long it has waited. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private void awaitHealthy(
      Process process, State state, Duration timeout, Consumer<String> progress) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    Path log = Path.of(state.logFile());
    while (System.nanoTime() < deadline) {
      if (System.nanoTime() >= nextProgress) {
        nextProgress += PROGRESS_EVERY.toNanos();
        progress.accept(
            "  waited "
                + Duration.ofNanos(System.nanoTime() - start).toSeconds()
                + " s; log: "
                + abbreviate(lastLine(log), 100));
      }
      if (!process.isAlive()) {
        deleteState();
        printTail(log, progress);
        throw IdflowException.config(
            "the Conductor server exited during start-up (exit code "
                + process.exitValue()
                + "): "
                + lastLogLine(Path.of(state.logFile()))
                + " (see "
                + state.logFile()
                + ")");
      }
      if (ConductorClients.health(state.url(), Duration.ofSeconds(2)).healthy()) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
        deleteState();
        throw new IdflowException("interrupted while the server started");
      }
    }
    process.destroyForcibly();
    deleteState();
    printTail(log, progress);
    throw IdflowException.config(
        "the Conductor server did not become healthy within "
            + timeout.toSeconds()
            + " s (see "
            + state.logFile()
            + "); raise server.start_timeout_seconds on a slow machine");
  }

  static Optional<ProcessHandle> liveProcess(State state) {
    if (state.pid() <= 0) {
      return Optional.empty();
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(state.pid()).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return handle;
    }
    ProcessHandle.Info info = handle.get().info();
    Optional<Instant> start = info.startInstant();
    if (start.isPresent() && state.startedAt() != null) {
      // A re-used pid belongs to a process that started later than ours.
      long drift =
          Math.abs(Duration.between(start.get(), Instant.parse(state.startedAt())).toMillis());
      return drift < 2000 ? handle : Optional.empty();
    }
    return info.commandLine().map(c -> c.contains("conductor-server")).orElse(true)
        ? handle
        : Optional.empty();
  }

  private void writeState(State state) {
    try {
      Path tmp = Files.createTempFile(stateDir, STATE_FILE, ".tmp");
      JSON.writeValue(tmp.toFile(), state);
      Files.move(
          tmp,
          stateDir.resolve(STATE_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IdflowException("cannot write " + stateDir.resolve(STATE_FILE) + ": " + e, e);
    }
  }

  private void deleteState() {
    try {
      Files.deleteIfExists(stateDir.resolve(STATE_FILE));
    } catch (IOException e) {
      // the next status call tries again
    }
  }

  /** Keeps one previous log: {@code conductor.log} becomes {@code conductor.log.1}. */
  private static void rotate(Path log) throws IOException {
    if (Files.exists(log)) {
      Files.move(log, log.resolveSibling(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Whether a server could listen on the port now. Binds the way Conductor's Tomcat does (with
   * SO_REUSEADDR), so connections of a server that just stopped, still in TIME_WAIT, do not count
   * as a program using the port; a listening socket does.
   */
  static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The last lines of a file, read from its end (the file may be large).
   *
   * @param file the file
   * @param n how many lines
   */
  public static List<String> tail(Path file, int n) throws IOException {
    if (n <= 0) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long start = raf.length();
      byte[] data = new byte[0];
      int block = 8192;
      while (start > 0 && count(data, (byte) '\n') <= n) {
        long from = Math.max(0, start - block);
        byte[] chunk = new byte[(int) (start - from)];
        raf.seek(from);
        raf.readFully(chunk);
        byte[] joined = new byte[chunk.length + data.length];
        System.arraycopy(chunk, 0, joined, 0, chunk.length);
        System.arraycopy(data, 0, joined, chunk.length, data.length);
        data = joined;
        start = from;
        block *= 2;
      }
      // With more than n line ends read, a partial first line is never among the last n.
      List<String> lines = new String(data, StandardCharsets.UTF_8).lines().toList();
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
  }

  private static int count(byte[] data, byte b) {
    int c = 0;
    for (byte x : data) {
      if (x == b) {
        c++;
      }
    }
    return c;
  }

  private static String lastLine(Path log) {
    try {
      return tail(log, 1).stream().findFirst().orElse("(empty)").strip();
    } catch (IOException e) {
      return "(not written yet)";
    }
  }

  private static String abbreviate(String s, int max) {
    String one = io.idflow.api.text.Printable.escape(s);
    return one.length() > max ? one.substring(0, max - 3) + "..." : one;
  }

  /** The log's last lines, on the progress channel (stderr), before a start-up failure. */
  private static void printTail(Path log, Consumer<String> progress) {
    try {
      List<String> lines = tail(log, 10);
      progress.accept("Last " + lines.size() + " lines of " + log + ":");
      lines.forEach(l -> progress.accept("  " + abbreviate(l, 200)));
    } catch (IOException e) {
      progress.accept("No log at " + log);
    }
  }

  private static String lastLogLine(Path log) {
    try {
      return tail(log, 40).stream()
          .filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("Error"))
          .reduce((a, b) -> b)
          .orElse("no error in the log")
          .trim();
    } catch (IOException e) {
      return "no log";
    }
  }

  private static File nullDevice() {
    return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
  }
}
