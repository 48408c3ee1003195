package io.idflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.idflow.cli.sync.TasksCommand;
import io.idflow.testing.TestProjects;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite, hardening items 6 and 7: a credential that cannot go into an HTTP header (a line
 * break, a non-ASCII character, 100 KB) or a key id without its secret is a configuration error
 * (exit 3) naming the variable, never its value. A stub answers as Conductor does to a listing, so
 * that nothing but the credential can fail.
 */
@Tag("fault")
class CredentialsFaultTest {

  @TempDir Path project;
  private HttpServer stub;
  private CliHarness cli;

  @BeforeEach
  void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        ex -> {
          byte[] body =
              (ex.getRequestURI().getPath().endsWith("/token") ? "{\"token\":\"t\"}" : "[]")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    stub.start();
    TestProjects.copy(getClass(), "sync", project);
    cli =
        CliHarness.of(project, TasksCommand.class)
            .env("IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + stub.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    stub.stop(0);
  }

  private void assertConfigErrorNaming(String variable, String secretPart) {
    CliHarness.Result r = cli.run("tasks", "list");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(variable);
    assertThat(r.err() + r.out()).as("never the value").doesNotContain(secretPart);
  }

  @Test
  void anApiKeyWithALineBreakIsAConfigurationError() {
    cli.env("CONDUCTOR_API_KEY", "s3cret-part\r\nX-Injected: 1");
    assertConfigErrorNaming("CONDUCTOR_API_KEY", "s3cret-part");
    cli.env("CONDUCTOR_API_KEY", "s3cret-part\n");
    assertConfigErrorNaming("CONDUCTOR_API_KEY", "s3cret-part");
  }

  @Test
  void anApiKeyWithANonAsciiCharacterIsAConfigurationError() {
    cli.env("CONDUCTOR_API_KEY", "s3cret-partü");
    assertConfigErrorNaming("CONDUCTOR_API_KEY", "s3cret-part");
  }

  @Test
  void aHundredKilobyteApiKeyIsAConfigurationError() {
    cli.env("CONDUCTOR_API_KEY", "s3cret-part" + "k".repeat(100 * 1024));
    assertConfigErrorNaming("CONDUCTOR_API_KEY", "s3cret-part");
  }

  @Test
  void aKeyIdWithoutItsSecretIsAConfigurationError() {
    cli.env("CONDUCTOR_AUTH_KEY", "s3cret-part-id");
    assertConfigErrorNaming("CONDUCTOR_AUTH_SECRET", "s3cret-part");
  }

  @Test
  void aSecretWithoutItsKeyIdIsAConfigurationError() {
    cli.env("CONDUCTOR_AUTH_SECRET", "s3cret-part-secret");
    assertConfigErrorNaming("CONDUCTOR_AUTH_KEY", "s3cret-part");
  }

  @Test
  void aValidApiKeyStillWorks() {
    cli.env("CONDUCTOR_API_KEY", "abc.DEF-123_x");
    CliHarness.Result r = cli.run("tasks", "list");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
  }
}
