package io.idflow.content.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.ConfigurationException;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.content.http.StubServer.Answer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSearchClientTest {

  private static final String SEARXNG =
      "{\"query\":\"home composting\",\"results\":["
          + "{\"title\":\"Composting 101\",\"url\":\"https://compost.example/101\","
          + "\"content\":\"How to start a pile.\"},"
          + "{\"title\":\"No address\"},"
          + "{\"name\":\"Bins compared\",\"link\":\"https://compost.example/bins\","
          + "\"description\":\"Three bins.\"},"
          + "{\"title\":\"Third\",\"url\":\"https://compost.example/3\"}]}";

  @TempDir Path project;

  private IdflowConfig config(String url, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader().env(env).workingDir(project);
    if (url != null) {
      loader
          .flag("web_search.url", url, "--test")
          .flag("web_search.api_key_header", "X-Api-Key", "--test")
          .flag("web_search.retries", 1, "--test")
          .flag("web_search.retry_delay_ms", 10, "--test");
    }
    return loader.load();
  }

  @Test
  void searchesAndReadsTheResults() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(200, SEARXNG))) {
      WebSearchClient client =
          WebSearchClient.fromConfig(
              config(
                  stub.url("/search?format=json&q={query}"),
                  Map.of("IDFLOW_WEB_SEARCH_API_KEY", "k")));

      List<WebSearchClient.Result> results = client.search("home composting", 2);

      assertThat(results)
          .containsExactly(
              new WebSearchClient.Result(
                  "Composting 101", "https://compost.example/101", "How to start a pile."),
              new WebSearchClient.Result(
                  "Bins compared", "https://compost.example/bins", "Three bins."));
      assertThat(stub.received.get(0).uri()).isEqualTo("/search?format=json&q=home+composting");
    }
  }

  @Test
  void withoutConfigurationFailsWithOneClearLine() {
    assertThatThrownBy(() -> WebSearchClient.fromConfig(config(null, Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("no web search endpoint configured: set web_search.url")
        .hasMessageNotContaining("\n");
  }

  @Test
  void errorsAreReportedWithTheEndpoint() throws Exception {
    try (StubServer stub = new StubServer(Answer.of(503, "maintenance"))) {
      WebSearchClient client =
          WebSearchClient.fromConfig(config(stub.url("/search?q={query}"), Map.of()));
      assertThatThrownBy(() -> client.search("x", 3))
          .isInstanceOf(EndpointException.class)
          .hasMessage(
              "web search endpoint at "
                  + stub.url("/search")
                  + " answered HTTP 503: maintenance (after 2 attempts)");
    }
    try (StubServer stub = new StubServer(Answer.of(200, "{\"data\":[]}"))) {
      WebSearchClient client =
          WebSearchClient.fromConfig(config(stub.url("/search?q={query}"), Map.of()));
      assertThatThrownBy(() -> client.search("x", 3))
          .hasMessageContaining("without a result list at /results");
    }
    try (StubServer stub = new StubServer(Answer.of(200, "{not json"))) {
      WebSearchClient client =
          WebSearchClient.fromConfig(config(stub.url("/search?q={query}"), Map.of()));
      assertThatThrownBy(() -> client.search("x", 3)).hasMessageContaining("invalid JSON");
    }
  }
}
