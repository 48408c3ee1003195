package io.idflow.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.sun.net.httpserver.HttpServer;
import io.idflow.api.config.ConfigLoader;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.RemoteDefinitions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the bulk reads are sent: at the same time. A real server answers too fast to show it, so a
 * stub holds each answer until all three requests have arrived (or a deadline passed).
 */
class ConductorDefinitionsReadTest {

  @TempDir Path dir;
  private HttpServer stub;
  private CountDownLatch arrived;
  private volatile String failPath = "";

  @BeforeEach
  void startStub() throws IOException {
    arrived = new CountDownLatch(3);
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.setExecutor(Executors.newFixedThreadPool(4));
    stub.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          arrived.countDown();
          boolean together;
          try {
            together = arrived.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            together = false;
          }
          int code = !together ? 503 : path.equals(failPath) ? 500 : 200;
          String name = path.substring(path.lastIndexOf('/') + 1);
          byte[] body =
              (code == 200
                      ? "[{\"name\":\"" + name + "\"}]"
                      : "{\"status\":" + code + ",\"message\":\"failed " + name + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(code, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    stub.start();
  }

  @AfterEach
  void stopStub() {
    stub.stop(0);
    ((java.util.concurrent.ExecutorService) stub.getExecutor()).shutdownNow();
  }

  private IdflowConductorClient client() {
    return ConductorClients.create(
        new ConfigLoader()
            .env(Map.of("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + stub.getAddress().getPort()))
            .workingDir(dir)
            .load());
  }

  @Test
  void theThreeListsAreRequestedAtTheSameTime() {
    IdflowConductorClient client = client();
    try {
      RemoteDefinitions remote =
          new ConductorDefinitions(client).read(EnumSet.allOf(DefinitionKind.class));
      assertThat(remote.taskDefs())
          .singleElement()
          .satisfies(d -> assertThat(d.path("name").asText()).isEqualTo("taskdefs"));
      assertThat(remote.workflows())
          .singleElement()
          .satisfies(d -> assertThat(d.path("name").asText()).isEqualTo("workflow"));
      assertThat(remote.eventHandlers())
          .singleElement()
          .satisfies(d -> assertThat(d.path("name").asText()).isEqualTo("event"));
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aFailedReadIsThrownAfterTheOthersFinished() {
    failPath = "/api/metadata/workflow";
    IdflowConductorClient client = client();
    try {
      assertThatThrownBy(
              () -> new ConductorDefinitions(client).read(EnumSet.allOf(DefinitionKind.class)))
          .isInstanceOf(ConductorClientException.class)
          .hasMessageContaining("failed workflow");
    } finally {
      client.shutdown();
    }
  }
}
