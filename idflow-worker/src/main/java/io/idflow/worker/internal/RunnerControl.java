package io.idflow.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Talks to a running runner's control endpoint (see {@link RunnerHttpServer#control}), found
 * through its {@link RunFile}. Thread-safe.
 */
public final class RunnerControl {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** The runner's status ({@code GET /status}). */
  public JsonNode status(RunFile run) {
    return call(run, "GET", "/status", null);
  }

  /** Pauses one task type, or all of the runner's workers when {@code task} is null. */
  public JsonNode pause(RunFile run, String task) {
    return call(run, "POST", "/pause", task);
  }

  /** Resumes one task type, or all of the runner's workers when {@code task} is null. */
  public JsonNode resume(RunFile run, String task) {
    return call(run, "POST", "/resume", task);
  }

  /** Asks the runner to drain and stop; returns at once. */
  public JsonNode stop(RunFile run) {
    return call(run, "POST", "/stop", null);
  }

  private JsonNode call(RunFile run, String method, String path, String task) {
    String url =
        "http://127.0.0.1:"
            + run.controlPort()
            + path
            + (task == null ? "" : "?task=" + URLEncoder.encode(task, StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header(RunnerHttpServer.TOKEN_HEADER, run.token())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        String refusal =
            "runner "
                + run.name()
                + " (pid "
                + run.pid()
                + ") refused "
                + path.substring(1)
                + ": "
                + resp.body().strip();
        throw resp.statusCode() == 404
            ? new io.idflow.api.InvalidRequestException(refusal)
            : new IdflowException(refusal);
      }
      return Json.MAPPER.readTree(resp.body());
    } catch (IOException e) {
      throw new IdflowException(
          "runner "
              + run.name()
              + " (pid "
              + run.pid()
              + ") does not answer on its control port "
              + run.controlPort()
              + ": "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdflowException("interrupted", e);
    }
  }
}
