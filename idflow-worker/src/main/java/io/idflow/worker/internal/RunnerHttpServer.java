package io.idflow.worker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.idflow.api.internal.Json;
import io.idflow.worker.MetricsListener;
import io.idflow.worker.RunnerHealth;
import io.idflow.worker.TaskRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves a runner over HTTP with the JDK's server, on one daemon thread.
 *
 * <ul>
 *   <li>{@code GET /health}: the {@link RunnerHealth} as JSON; 200 when ready, 503 when not.
 *   <li>{@code GET /metrics}: the {@link MetricsListener}'s Prometheus text.
 *   <li>Control endpoints, only when built with a token (see {@link #control}): {@code GET
 *       /status}, {@code POST /pause}, {@code POST /resume} (all workers, or {@code ?task=NAME}),
 *       {@code POST /stop} (a graceful {@link TaskRunner#shutdown()}); each needs the header
 *       {@value #TOKEN_HEADER}.
 * </ul>
 */
public final class RunnerHttpServer implements AutoCloseable {

  /** The header that carries the control token. */
  public static final String TOKEN_HEADER = "X-Idflow-Token";

  private final HttpServer server;
  private final TaskRunner runner;
  private final MetricsListener metrics;
  private final String token;
  private final Map<String, Object> about;

  private RunnerHttpServer(
      InetSocketAddress address,
      TaskRunner runner,
      MetricsListener metrics,
      String token,
      Map<String, Object> about)
      throws IOException {
    this.runner = runner;
    this.metrics = metrics;
    this.token = token;
    this.about = about;
    this.server = HttpServer.create(address, 16);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "idflow-http-" + address.getPort());
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Serves {@code /health} and {@code /metrics} on a port of every interface.
   *
   * @param port the port; 0 picks a free one (see {@link #port()})
   * @throws IOException when the port cannot be bound
   */
  public static RunnerHttpServer health(TaskRunner runner, MetricsListener metrics, int port)
      throws IOException {
    return new RunnerHttpServer(new InetSocketAddress(port), runner, metrics, null, Map.of());
  }

  /**
   * Serves health, metrics and the control endpoints on a free loopback port.
   *
   * @param token the secret callers must send in {@value #TOKEN_HEADER}
   * @param about extra fields for {@code /status} (name, pid)
   * @throws IOException when no port can be bound
   */
  public static RunnerHttpServer control(
      TaskRunner runner, MetricsListener metrics, String token, Map<String, Object> about)
      throws IOException {
    return new RunnerHttpServer(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), runner, metrics, token, about);
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving; a request being answered gets up to a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/health") && method.equals("GET")) {
        RunnerHealth h = runner.health();
        send(ex, h.ready() ? 200 : 503, "application/json", Json.compact(healthJson(h)));
      } else if (path.equals("/metrics") && method.equals("GET")) {
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
      } else if (token == null) {
        send(ex, 404, "text/plain", "not found: " + path + "\n");
      } else if (!authorised(ex)) {
        send(ex, 403, "text/plain", "missing or wrong " + TOKEN_HEADER + "\n");
      } else if (path.equals("/status") && method.equals("GET")) {
        send(ex, 200, "application/json", Json.compact(status()));
      } else if (method.equals("POST")
          && (path.equals("/pause") || path.equals("/resume") || path.equals("/stop"))) {
        control(ex, path);
      } else {
        send(ex, 404, "text/plain", "not found: " + method + " " + path + "\n");
      }
    } catch (RuntimeException e) {
      send(ex, 500, "text/plain", e + "\n");
    }
  }

  private void control(HttpExchange ex, String path) throws IOException {
    String task = query(ex, "task");
    try {
      switch (path) {
        case "/pause" -> {
          if (task == null) {
            runner.pause();
          } else {
            runner.pause(task);
          }
        }
        case "/resume" -> {
          if (task == null) {
            runner.resume();
          } else {
            runner.resume(task);
          }
        }
        default -> {
          // Answer first: a runner with nothing in flight terminates, and closes this server,
          // within milliseconds.
          ObjectNode status = status();
          status.put("state", TaskRunner.State.SHUTTING_DOWN.name());
          send(ex, 200, "application/json", Json.compact(status));
          runner.shutdown();
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      send(ex, 404, "text/plain", e.getMessage() + "\n");
      return;
    }
    send(ex, 200, "application/json", Json.compact(status()));
  }

  private ObjectNode status() {
    ObjectNode json = Json.MAPPER.createObjectNode();
    about.forEach(json::putPOJO);
    json.put("state", runner.state().name());
    json.put("inFlight", runner.inFlight());
    ObjectNode workers = json.putObject("workers");
    RunnerHealth h = runner.health();
    runner
        .settings()
        .forEach(
            (task, s) -> {
              ObjectNode w = workers.putObject(task);
              w.put("paused", runner.isPaused(task));
              w.put("status", h.workers().get(task).status().name());
              w.put("threads", s.threads());
            });
    json.set("health", healthJson(h));
    return json;
  }

  static ObjectNode healthJson(RunnerHealth h) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("status", h.ready() ? "UP" : "DOWN");
    json.put("ready", h.ready());
    json.put("state", h.state().name());
    ObjectNode ws = json.putObject("workers");
    h.workers()
        .forEach(
            (task, w) -> {
              ObjectNode o = ws.putObject(task);
              o.put("status", w.status().name());
              if (w.lastPoll() != null) {
                o.put("lastPoll", w.lastPoll().toString());
              }
              if (w.error() != null) {
                o.put("error", w.error());
              }
              o.put("undeliveredResults", w.undeliveredResults());
            });
    return json;
  }

  private boolean authorised(HttpExchange ex) {
    String given = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params.get(name);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
