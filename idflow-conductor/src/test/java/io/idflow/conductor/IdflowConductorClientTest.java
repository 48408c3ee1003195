package io.idflow.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.MetadataClient;
import com.sun.net.httpserver.HttpServer;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.IdflowException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a real server will not produce on demand, provoked with a stub HTTP server. */
class IdflowConductorClientTest {

  @TempDir Path dir;
  private HttpServer stub;
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private int status = 200;

  @BeforeEach
  void startStub() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        ex -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          String xauth = ex.getRequestHeaders().getFirst("X-Authorization");
          authHeaders.add(ex.getRequestURI().getPath() + " " + auth + " " + xauth);
          byte[] body;
          int code = status;
          if (ex.getRequestURI().getPath().equals("/api/token")) {
            body = "{\"token\":\"tok-123\"}".getBytes(StandardCharsets.UTF_8);
            code = 200;
          } else {
            body =
                (code == 200 ? "[]" : "{\"status\":" + code + ",\"message\":\"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
          }
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
  }

  private IdflowConfig config(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + stub.getAddress().getPort() + "/api");
    return new ConfigLoader().env(all).workingDir(dir).load();
  }

  @Test
  void anHttpServerGetsAClientWithoutTlsAndAnHttpsServerOneWithIt() {
    // Setting up TLS loads the JDK's trust store: a fifth of a second in a fresh JVM.
    IdflowConductorClient plain = ConductorClients.create(config(Map.of()));
    try {
      assertThatThrownBy(() -> plain.okHttp().sslSocketFactory())
          .isInstanceOf(IllegalStateException.class);
      assertThat(plain.okHttp().followSslRedirects()).isFalse();
    } finally {
      plain.shutdown();
    }
    IdflowConductorClient tls =
        ConductorClients.create(
            new ConfigLoader()
                .env(Map.of("IDFLOW_CONDUCTOR_URL", "https://127.0.0.1:1"))
                .workingDir(dir)
                .load());
    try {
      assertThat(tls.okHttp().sslSocketFactory()).isNotNull();
      assertThat(tls.okHttp().followSslRedirects()).isTrue();
    } finally {
      tls.shutdown();
    }
  }

  @Test
  void aRedirectToHttpsIsAnsweredAsAnErrorNamingTheStatus() {
    stub.createContext(
        "/api/metadata/taskdefs",
        ex -> {
          ex.getResponseHeaders().add("Location", "https://127.0.0.1:1/api/metadata/taskdefs");
          ex.sendResponseHeaders(301, -1);
          ex.close();
        });
    IdflowConductorClient client = ConductorClients.create(config(Map.of()));
    try {
      assertThatThrownBy(() -> new MetadataClient(client).getAllTaskDefs())
          .isInstanceOf(ConductorUnavailableException.class)
          .hasMessageContaining("HTTP 301");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aClosedPortIsConductorUnavailableNamingTheUrl() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    IdflowConfig c =
        new ConfigLoader()
            .env(Map.of("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + port))
            .workingDir(dir)
            .load();
    IdflowConductorClient client = ConductorClients.create(c);
    assertThatThrownBy(() -> new MetadataClient(client).getAllTaskDefs())
        .isInstanceOf(ConductorUnavailableException.class)
        .hasMessageStartingWith("Conductor is not reachable at http://127.0.0.1:" + port)
        .hasMessageContaining("idflow server start")
        .isInstanceOf(io.idflow.api.ConductorUnavailableException.class);
  }

  @Test
  void aRefusedCredentialIsExitFour() {
    status = 401;
    IdflowConductorClient client = ConductorClients.create(config(Map.of()));
    assertThatThrownBy(() -> new MetadataClient(client).getAllTaskDefs())
        .isInstanceOf(ConductorUnavailableException.class)
        .hasMessageContaining("refused the credentials (HTTP 401)");
  }

  @Test
  void otherHttpErrorsStayClientExceptions() {
    status = 500;
    IdflowConductorClient client = ConductorClients.create(config(Map.of()));
    assertThatThrownBy(() -> new MetadataClient(client).getAllTaskDefs())
        .isInstanceOf(ConductorClientException.class)
        .isNotInstanceOf(IdflowException.class);
  }

  @Test
  void aBearerTokenFromTheConfiguredVariableIsSent() {
    IdflowConductorClient client =
        ConductorClients.create(config(Map.of("CONDUCTOR_API_KEY", "abc")));
    new MetadataClient(client).getAllTaskDefs();
    assertThat(authHeaders).containsExactly("/api/metadata/taskdefs Bearer abc null");
  }

  @Test
  void aKeyIdAndSecretAreExchangedForAToken() {
    IdflowConductorClient client =
        ConductorClients.create(
            config(Map.of("CONDUCTOR_AUTH_KEY", "id", "CONDUCTOR_AUTH_SECRET", "secret")));
    new MetadataClient(client).getAllTaskDefs();
    new MetadataClient(client).getAllTaskDefs();
    assertThat(authHeaders)
        .containsExactly(
            "/api/token null null",
            "/api/metadata/taskdefs null tok-123",
            "/api/metadata/taskdefs null tok-123");
  }

  @Test
  void withoutCredentialsNothingIsSent() {
    new MetadataClient(ConductorClients.create(config(Map.of()))).getAllTaskDefs();
    assertThat(authHeaders).containsExactly("/api/metadata/taskdefs null null");
  }
}
