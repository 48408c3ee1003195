package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.common.metadata.tasks.TaskResult;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The task service on a server without update-v2, which a real Conductor 3.32.3 cannot be made to
 * be: a stub answers 404 for it, as an older server does. (The service's normal path, with the next
 * task, runs against a real Conductor in TaskRunnerIT.)
 */
class TaskServiceTest {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private TaskService service(int plainUpdateStatus) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/tasks",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          exchange.getRequestBody().readAllBytes();
          boolean v2 = exchange.getRequestURI().getPath().endsWith("/update-v2");
          int status = v2 ? 404 : plainUpdateStatus;
          byte[] body =
              (v2 || status != 200
                      ? "{\"status\":404,\"message\":\"No static resource tasks/update-v2.\"}"
                      : "task-1")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", v2 ? "application/json" : "text/plain");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    return TaskService.of(new TaskClient(new ConductorClient(url)));
  }

  private static TaskResult result() {
    TaskResult r = new TaskResult();
    r.setTaskId("task-1");
    r.setWorkflowInstanceId("wf-1");
    r.setWorkerId("me");
    r.setStatus(TaskResult.Status.COMPLETED);
    return r;
  }

  @Test
  void withoutUpdateV2TheResultIsReportedAloneAndV2IsNotTriedAgain() throws Exception {
    TaskService s = service(200);

    assertThat(s.updateAndPoll(result())).isEmpty();
    assertThat(s.updateAndPoll(result())).isEmpty();

    assertThat(requests)
        .containsExactly("POST /api/tasks/update-v2", "POST /api/tasks", "POST /api/tasks");
  }

  @Test
  void aTaskTheServerDoesNotKnowFailsAsAPlainUpdateDoesAndV2StaysOn() throws Exception {
    TaskService s = service(404);

    assertThatThrownBy(() -> s.updateAndPoll(result()))
        .isInstanceOf(ConductorClientException.class);
    assertThatThrownBy(() -> s.updateAndPoll(result()))
        .isInstanceOf(ConductorClientException.class);

    assertThat(requests)
        .containsExactly(
            "POST /api/tasks/update-v2",
            "POST /api/tasks",
            "POST /api/tasks/update-v2",
            "POST /api/tasks");
  }
}
