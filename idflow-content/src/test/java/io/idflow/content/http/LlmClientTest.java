package io.idflow.content.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.content.http.StubServer.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmClientTest {

  private static final String OK =
      "{\"model\":\"tiny\",\"choices\":[{\"message\":{\"role\":\"assistant\","
          + "\"content\":\"Compost needs air.\"},\"finish_reason\":\"stop\"}]}";

  @TempDir Path project;

  private IdflowConfig config(String url, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader().env(env).workingDir(project);
    if (url != null) {
      loader
          .flag("llm.url", url, "--test")
          .flag("llm.model", "tiny", "--test")
          .flag("llm.timeout_seconds", 2, "--test")
          .flag("llm.retries", 2, "--test")
          .flag("llm.retry_delay_ms", 10, "--test");
    }
    return loader.load();
  }

  private static LlmClient client(StubServer stub, Duration timeout) {
    return new LlmClient(
        stub.url("/v1"),
        "tiny",
        new HttpEndpoint.Settings(
            "LLM endpoint", "IDFLOW_LLM_API_KEY", null, null, timeout, 2, Duration.ofMillis(10)));
  }

  @Test
  void sendsAChatCompletionWithTheKeyFromTheEnvironment() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(200, OK))) {
      LlmClient client =
          LlmClient.fromConfig(
              config(stub.url("/v1"), Map.of("IDFLOW_LLM_API_KEY", "sk-test-123")));

      LlmClient.Completion c =
          client.complete(
              new LlmClient.Request(
                  "Say something about compost.", null, 0.2, null, 50, java.util.List.of("\n\n")));

      assertThat(c.text()).isEqualTo("Compost needs air.");
      assertThat(c.model()).isEqualTo("tiny");
      assertThat(c.finishReason()).isEqualTo("stop");
      StubServer.Received r = stub.received.get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.uri()).isEqualTo("/v1/chat/completions");
      assertThat(r.authorization()).isEqualTo("Bearer sk-test-123");
      assertThat(r.body())
          .contains("\"model\":\"tiny\"")
          .contains("\"content\":\"Say something about compost.\"")
          .contains("\"max_tokens\":50")
          .contains("\"stop\":[\"\\n\\n\"]");
    }
  }

  @Test
  void withoutConfigurationFailsWithOneClearLine() {
    assertThatThrownBy(() -> LlmClient.fromConfig(config(null, Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("no LLM endpoint configured: set llm.url")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aRefusedKeyIsNotRetried() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(401, "{\"error\":\"invalid api key\"}"))) {
      assertThatThrownBy(
              () -> client(stub, Duration.ofSeconds(2)).complete(LlmClient.Request.of("x")))
          .isInstanceOf(EndpointException.class)
          .hasMessageContaining("refused the request (HTTP 401")
          .hasMessageContaining("set the key in the environment variable IDFLOW_LLM_API_KEY");
      assertThat(stub.received).hasSize(1);
    }
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheServersDelay() throws Exception {
    try (StubServer stub =
        new StubServer(new Answer(429, "{\"error\":\"slow down\"}", "0"), Answer.of(200, OK))) {
      assertThat(client(stub, Duration.ofSeconds(2)).complete(LlmClient.Request.of("x")).text())
          .isEqualTo("Compost needs air.");
      assertThat(stub.received).hasSize(2);
    }
  }

  @Test
  void aServerErrorIsRetriedThenReported() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(500, "model crashed"))) {
      assertThatThrownBy(
              () -> client(stub, Duration.ofSeconds(2)).complete(LlmClient.Request.of("x")))
          .isInstanceOf(EndpointException.class)
          .hasMessageContaining("answered HTTP 500: model crashed (after 3 attempts)")
          .satisfies(e -> assertThat(((EndpointException) e).retryable()).isTrue());
      assertThat(stub.received).hasSize(3);
    }
  }

  @Test
  void aServerThatDoesNotAnswerTimesOut() throws Exception {
    try (StubServer stub = new StubServer(new Answer(0, "", null))) {
      assertThatThrownBy(
              () -> client(stub, Duration.ofMillis(300)).complete(LlmClient.Request.of("x")))
          .isInstanceOf(EndpointException.class)
          .hasMessageContaining("did not answer within 300 ms (after 3 attempts)");
    }
  }

  @Test
  void badJsonIsReported() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(200, "<html>not json</html>"))) {
      assertThatThrownBy(
              () -> client(stub, Duration.ofSeconds(2)).complete(LlmClient.Request.of("x")))
          .isInstanceOf(EndpointException.class)
          .hasMessageContaining("answered with invalid JSON: <html>not json</html>");
      assertThat(stub.received).hasSize(1);
    }
  }

  @Test
  void anAnswerWithoutContentIsReported() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(200, "{\"choices\":[]}"))) {
      assertThatThrownBy(
              () -> client(stub, Duration.ofSeconds(2)).complete(LlmClient.Request.of("x")))
          .isInstanceOf(EndpointException.class)
          .hasMessageContaining("without choices[0].message.content");
    }
  }
}
