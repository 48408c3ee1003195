package io.idflow.content.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idflow.api.ConfigurationException;
import io.idflow.api.config.IdflowConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client of a web search API that answers JSON: a URL template with {@code {query}} (and
 * optionally {@code {limit}}), the JSON pointer of the result list, and a key from an environment
 * variable. Fits SearXNG ({@code /search?format=json&q={query}}, results under {@code /results})
 * and APIs of the same shape. Configured in {@code config/idflow.yml}:
 *
 * <pre>
 * web_search:
 *   url: http://localhost:8888/search?format=json&amp;q={query}   # required
 *   results: /results                         # JSON pointer of the result list (default)
 *   api_key_env: IDFLOW_WEB_SEARCH_API_KEY    # default; no key, no header
 *   api_key_header: Authorization             # default (sent as "Bearer KEY"); any other header gets the key
 *   timeout_seconds: 20                       # per attempt (default 20)
 *   retries: 2                                # default 2
 * </pre>
 *
 * A result's title is read from {@code title} or {@code name}, its address from {@code url}, {@code
 * link} or {@code href}, its text from {@code content}, {@code snippet}, {@code description} or
 * {@code body}. Thread-safe.
 */
public final class WebSearchClient {

  /** The default environment variable of the key. */
  public static final String DEFAULT_KEY_VARIABLE = "IDFLOW_WEB_SEARCH_API_KEY";

  /**
   * One search result.
   *
   * @param title its title
   * @param url its address
   * @param snippet its text excerpt
   */
  public record Result(String title, String url, String snippet) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String urlTemplate;
  private final JsonPointer results;
  private final HttpEndpoint endpoint;

  /**
   * A client.
   *
   * @param urlTemplate the search URL with {@code {query}}
   * @param resultsPointer the JSON pointer of the result list
   * @param settings how to call it
   */
  public WebSearchClient(
      String urlTemplate, String resultsPointer, HttpEndpoint.Settings settings) {
    if (!Objects.requireNonNull(urlTemplate, "urlTemplate").contains("{query}")) {
      throw new ConfigurationException(
          "web_search.url must contain {query} where the search words go: " + urlTemplate);
    }
    this.urlTemplate = urlTemplate.strip();
    this.results = JsonPointer.compile(resultsPointer == null ? "/results" : resultsPointer);
    this.endpoint = new HttpEndpoint(settings);
  }

  /** Whether the configuration names a search endpoint ({@code web_search.url}). */
  public static boolean configured(IdflowConfig config) {
    return config.get("web_search.url").map(String::valueOf).filter(s -> !s.isBlank()).isPresent();
  }

  /**
   * The configured client.
   *
   * @throws ConfigurationException (exit 3) when {@code web_search.url} is not set or has no {@code
   *     {query}}
   */
  public static WebSearchClient fromConfig(IdflowConfig config) {
    if (!configured(config)) {
      throw new ConfigurationException(
          "no web search endpoint configured: set web_search.url in config/idflow.yml to a search"
              + " API URL with {query}, for example a SearXNG server's"
              + " http://localhost:8888/search?format=json&q={query}");
    }
    String keyVariable = config.string("web_search.api_key_env", DEFAULT_KEY_VARIABLE);
    HttpEndpoint.Settings settings =
        new HttpEndpoint.Settings(
            "web search endpoint",
            keyVariable,
            config.envValue(keyVariable).orElse(null),
            config.string("web_search.api_key_header", "Authorization"),
            Duration.ofSeconds(config.integer("web_search.timeout_seconds", 20)),
            config.integer("web_search.retries", 2),
            Duration.ofMillis(config.integer("web_search.retry_delay_ms", 1000)));
    return new WebSearchClient(
        config.string("web_search.url"), config.string("web_search.results", "/results"), settings);
  }

  /**
   * Searches.
   *
   * @param query the words to search for
   * @param limit how many results at most
   * @throws EndpointException when the endpoint fails or answers something unreadable
   */
  public List<Result> search(String query, int limit) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("the search query is empty");
    }
    URI uri =
        URI.create(
            urlTemplate
                .replace("{query}", URLEncoder.encode(query.strip(), StandardCharsets.UTF_8))
                .replace("{limit}", Integer.toString(limit)));
    String answer = endpoint.get(uri);
    JsonNode tree;
    try {
      tree = JSON.readTree(answer);
    } catch (JsonProcessingException e) {
      throw new EndpointException(
          "web search endpoint at "
              + HttpEndpoint.origin(uri)
              + " answered with invalid JSON"
              + HttpEndpoint.excerpt(answer),
          false,
          e);
    }
    JsonNode list = tree == null ? null : tree.at(results);
    if (list == null || !list.isArray()) {
      throw new EndpointException(
          "web search endpoint at "
              + HttpEndpoint.origin(uri)
              + " answered without a result list at "
              + results
              + HttpEndpoint.excerpt(answer),
          false,
          null);
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode item : list) {
      if (out.size() >= limit) {
        break;
      }
      String url = first(item, "url", "link", "href");
      if (url.isEmpty()) {
        continue;
      }
      out.add(
          new Result(
              first(item, "title", "name"),
              url,
              first(item, "content", "snippet", "description", "body")));
    }
    return out;
  }

  private static String first(JsonNode item, String... names) {
    for (String n : names) {
      JsonNode v = item.get(n);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return v.asText().strip();
      }
    }
    return "";
  }
}
