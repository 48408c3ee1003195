package io.idflow.content.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idflow.api.ConfigurationException;
import io.idflow.api.config.IdflowConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A client of an OpenAI-compatible chat completions endpoint ({@code POST <url>/chat/completions}),
 * such as a local Ollama ({@code http://localhost:11434/v1}) or llama.cpp server, or a hosted API.
 * Configured in {@code config/idflow.yml}:
 *
 * <pre>
 * llm:
 *   url: http://localhost:11434/v1     # required
 *   model: llama3.2                    # required
 *   api_key_env: IDFLOW_LLM_API_KEY    # the variable that holds the key (default); no key, no header
 *   timeout_seconds: 120               # per attempt (default 120)
 *   retries: 2                         # after a time-out, 429 or 5xx (default 2)
 * </pre>
 *
 * Thread-safe.
 */
public final class LlmClient {

  /** The default environment variable of the key. */
  public static final String DEFAULT_KEY_VARIABLE = "IDFLOW_LLM_API_KEY";

  /**
   * A completion request.
   *
   * @param prompt the user message
   * @param model the model, or null for the configured one
   * @param temperature or null for the server's default
   * @param topP or null
   * @param maxTokens or null
   * @param stop stop sequences (may be empty)
   */
  public record Request(
      String prompt,
      String model,
      Double temperature,
      Double topP,
      Integer maxTokens,
      List<String> stop) {
    /** Checks the prompt and copies the stop list. */
    public Request {
      Objects.requireNonNull(prompt, "prompt");
      stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** A request with only a prompt. */
    public static Request of(String prompt) {
      return new Request(prompt, null, null, null, null, List.of());
    }
  }

  /**
   * The model's answer.
   *
   * @param text the first choice's message content
   * @param model the model that answered (as the server names it)
   * @param finishReason why it stopped ({@code stop}, {@code length}, ...), or null
   */
  public record Completion(String text, String model, String finishReason) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final String model;
  private final HttpEndpoint endpoint;

  /**
   * A client.
   *
   * @param url the base URL ({@code .../v1}) or the full {@code .../chat/completions} URL
   * @param model the default model
   * @param settings how to call it
   */
  public LlmClient(String url, String model, HttpEndpoint.Settings settings) {
    String u = url.strip().replaceAll("/+$", "");
    this.url = URI.create(u.endsWith("/chat/completions") ? u : u + "/chat/completions");
    this.model = model;
    this.endpoint = new HttpEndpoint(settings);
  }

  /** Whether the configuration names an LLM endpoint ({@code llm.url}). */
  public static boolean configured(IdflowConfig config) {
    return config.get("llm.url").map(String::valueOf).filter(s -> !s.isBlank()).isPresent();
  }

  /**
   * The configured client.
   *
   * @throws ConfigurationException (exit 3) when {@code llm.url} or {@code llm.model} is not set
   */
  public static LlmClient fromConfig(IdflowConfig config) {
    if (!configured(config)) {
      throw new ConfigurationException(
          "no LLM endpoint configured: set llm.url (an OpenAI-compatible chat endpoint, for"
              + " example http://localhost:11434/v1 for Ollama) and llm.model in"
              + " config/idflow.yml");
    }
    String model = config.get("llm.model").map(String::valueOf).orElse("").strip();
    if (model.isEmpty()) {
      throw new ConfigurationException("llm.model is not set: name the model llm.url serves");
    }
    String keyVariable = config.string("llm.api_key_env", DEFAULT_KEY_VARIABLE);
    HttpEndpoint.Settings settings =
        new HttpEndpoint.Settings(
            "LLM endpoint",
            keyVariable,
            config.envValue(keyVariable).orElse(null),
            "Authorization",
            Duration.ofSeconds(config.integer("llm.timeout_seconds", 120)),
            config.integer("llm.retries", 2),
            Duration.ofMillis(config.integer("llm.retry_delay_ms", 1000)));
    return new LlmClient(config.string("llm.url"), model, settings);
  }

  /** The model used when a request names none. */
  public String model() {
    return model;
  }

  /**
   * Asks the model.
   *
   * @throws EndpointException when the endpoint fails or answers something unreadable
   */
  public Completion complete(Request request) {
    ObjectNode body = JSON.createObjectNode();
    String m = request.model() != null && !request.model().isBlank() ? request.model() : model;
    body.put("model", m);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "user").put("content", request.prompt());
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      request.stop().forEach(stop::add);
    }
    body.put("stream", false);
    String answer = endpoint.postJson(url, body.toString());
    JsonNode tree;
    try {
      tree = JSON.readTree(answer);
    } catch (JsonProcessingException e) {
      throw new EndpointException(
          "LLM endpoint at "
              + HttpEndpoint.origin(url)
              + " answered with invalid JSON"
              + HttpEndpoint.excerpt(answer),
          false,
          e);
    }
    JsonNode content = tree.path("choices").path(0).path("message").path("content");
    if (!content.isTextual()) {
      throw new EndpointException(
          "LLM endpoint at "
              + HttpEndpoint.origin(url)
              + " answered without choices[0].message.content"
              + HttpEndpoint.excerpt(answer),
          false,
          null);
    }
    JsonNode finish = tree.path("choices").path(0).path("finish_reason");
    return new Completion(
        content.asText(),
        tree.path("model").asText(m),
        finish.isTextual() ? finish.asText() : null);
  }
}
