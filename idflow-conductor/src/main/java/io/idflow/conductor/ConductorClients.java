package io.idflow.conductor;

import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.EventClient;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.TaskClient;
import com.netflix.conductor.client.http.WorkflowClient;
import io.idflow.api.ConductorUnavailableException;
import io.idflow.api.ConfigurationException;
import io.idflow.api.config.IdflowConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.ConnectionSpec;

/**
 * The one place where idflow creates Conductor clients. Every module goes through it so that the
 * URL, time-outs and credentials are resolved the same way everywhere.
 *
 * <p>Credentials come from the environment only: a bearer token from the variable named by {@code
 * conductor.api_key_env_var} (sent as {@code Authorization: Bearer ...}), or a key id and secret
 * from the variables named by {@code conductor.auth_key_env_var} and {@code
 * conductor.auth_secret_env_var}, exchanged for a token at {@code /api/token} (sent as {@code
 * X-Authorization}). With neither, requests are sent without credentials, which is what a local
 * Conductor OSS server expects.
 */
public final class ConductorClients {

  private final IdflowConfig config;
  private IdflowConductorClient client;

  /** Creates a factory for this configuration. Clients are created lazily and shared. */
  public ConductorClients(IdflowConfig config) {
    this.config = config;
  }

  /**
   * Creates a new client for the configuration (callers own it; call {@code shutdown()} when done).
   */
  public static IdflowConductorClient create(IdflowConfig config) {
    String url = config.conductorUrl();
    ConductorClient.Builder<?> builder =
        ConductorClient.builder()
            .basePath(url + "/api")
            .connectTimeout(config.integer("conductor.connect_timeout_ms", 5000))
            .readTimeout(config.integer("conductor.read_timeout_ms", 30000))
            .writeTimeout(config.integer("conductor.read_timeout_ms", 30000));
    if (cleartext(url)) {
      // OkHttp loads the JDK's trust store (about 150 certificates) when it builds a client that
      // may speak TLS: 170 to 260 ms of CPU in a fresh JVM, for nothing on an http:// server. A
      // redirect to https is then answered as it comes (not followed), like any other HTTP error.
      builder.configureOkHttp(
          ok -> ok.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).followSslRedirects(false));
    }
    Optional<String> bearer = credential(config, "conductor.api_key_env_var");
    Optional<String> keyId = credential(config, "conductor.auth_key_env_var");
    Optional<String> secret = credential(config, "conductor.auth_secret_env_var");
    if (bearer.isEmpty() && keyId.isPresent() != secret.isPresent()) {
      String given =
          keyId.isPresent() ? "conductor.auth_key_env_var" : "conductor.auth_secret_env_var";
      String missing =
          keyId.isPresent() ? "conductor.auth_secret_env_var" : "conductor.auth_key_env_var";
      throw new ConfigurationException(
          "the environment variable "
              + config.string(given, null)
              + " ("
              + given
              + ") is set but "
              + config.string(missing, "(none)")
              + " ("
              + missing
              + ") is not: a key id needs its secret; set both, or neither");
    }
    if (bearer.isPresent()) {
      String header = "Bearer " + bearer.get();
      builder.addHeaderSupplier(new StaticHeaders(Map.of("Authorization", header)));
    } else if (keyId.isPresent() && secret.isPresent()) {
      builder.addHeaderSupplier(new TokenHeaders(url, keyId.get(), secret.get()));
    }
    return new IdflowConductorClient(builder, url);
  }

  /** Whether the server URL is plain http (then no TLS is set up). */
  static boolean cleartext(String url) {
    return url.regionMatches(true, 0, "http://", 0, 7);
  }

  /**
   * The longest credential accepted: a token travels in one HTTP header, and Conductor's Tomcat
   * refuses request headers over 8 KB with an HTML page.
   */
  static final int MAX_CREDENTIAL_LENGTH = 4096;

  /**
   * The value of the environment variable a configuration key names, checked: a credential is
   * printable ASCII without spaces (it goes into an HTTP header) and at most {@value
   * #MAX_CREDENTIAL_LENGTH} characters. The message names the variable, never the value.
   */
  private static Optional<String> credential(IdflowConfig config, String key) {
    String variable = config.string(key, null);
    Optional<String> value = config.envValue(variable);
    if (value.isEmpty()) {
      return value;
    }
    String v = value.get();
    String problem = null;
    if (v.length() > MAX_CREDENTIAL_LENGTH) {
      problem = "is " + v.length() + " characters long (at most " + MAX_CREDENTIAL_LENGTH + ")";
    } else {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\r' || c == '\n') {
          problem = "holds a line break";
          break;
        }
        if (c < 0x20 || c == 0x7f) {
          problem = "holds a control character";
          break;
        }
        if (c > 0x7e) {
          problem = "holds a non-ASCII character";
          break;
        }
        if (c == ' ') {
          problem = "holds a space";
          break;
        }
      }
    }
    if (problem != null) {
      throw new ConfigurationException(
          "the environment variable "
              + variable
              + " ("
              + key
              + ") "
              + problem
              + "; a Conductor credential is printable ASCII without spaces; check how it was set");
    }
    return value;
  }

  /** The shared client of this factory. */
  public synchronized IdflowConductorClient client() {
    if (client == null) {
      client = create(config);
    }
    return client;
  }

  /** A metadata client (task definitions, workflow definitions) on the shared client. */
  public MetadataClient metadata() {
    return new MetadataClient(client());
  }

  /** A workflow client (start, search, terminate) on the shared client. */
  public WorkflowClient workflows() {
    return new WorkflowClient(client());
  }

  /** A task client (poll, update) on the shared client. */
  public TaskClient tasks() {
    return new TaskClient(client());
  }

  /** An event-handler client on the shared client. */
  public EventClient events() {
    return new EventClient(client());
  }

  /** Releases the shared client's connections and threads, if one was created. */
  public synchronized void close() {
    if (client != null) {
      client.shutdown();
      client = null;
    }
  }

  /**
   * Asks {@code GET /health} whether the server is up and healthy.
   *
   * @return the health answer; never throws for network failures
   */
  public static Health health(String serverUrl, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(serverUrl + "/health")).timeout(timeout).GET().build();
    try {
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      boolean healthy = resp.statusCode() == 200 && resp.body().contains("\"healthy\":true");
      return new Health(true, healthy, resp.statusCode() + " " + abbreviate(resp.body()));
    } catch (IOException e) {
      return new Health(false, false, e.getClass().getSimpleName() + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(false, false, "interrupted");
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? "" : ": " + e.getMessage();
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() > 120 ? one.substring(0, 117) + "..." : one;
  }

  /**
   * The answer of a health check.
   *
   * @param reachable the server answered HTTP at all
   * @param healthy it answered 200 with {@code "healthy":true}
   * @param detail status line or error, for messages
   */
  public record Health(boolean reachable, boolean healthy, String detail) {}

  private record StaticHeaders(Map<String, String> headers)
      implements com.netflix.conductor.client.http.HeaderSupplier {
    @Override
    public void init(ConductorClient client) {}

    @Override
    public Map<String, String> get(String method, String path) {
      return headers;
    }
  }

  /** Exchanges a key id and secret for a token, and renews it before it expires. */
  private static final class TokenHeaders
      implements com.netflix.conductor.client.http.HeaderSupplier {
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
    private final String serverUrl;
    private final String keyId;
    private final String secret;
    private String token;
    private long expiresAt;

    TokenHeaders(String serverUrl, String keyId, String secret) {
      this.serverUrl = serverUrl;
      this.keyId = keyId;
      this.secret = secret;
    }

    @Override
    public void init(ConductorClient client) {}

    @Override
    public synchronized Map<String, String> get(String method, String path) {
      if ("/token".equals(path)) {
        return Map.of();
      }
      if (token == null || System.currentTimeMillis() > expiresAt) {
        token = fetchToken();
        expiresAt = System.currentTimeMillis() + TOKEN_LIFETIME.toMillis();
      }
      return Map.of("X-Authorization", token);
    }

    private String fetchToken() {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String body =
          io.idflow.api.internal.Json.compact(Map.of("keyId", keyId, "keySecret", secret));
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(serverUrl + "/api/token"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      try {
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
          throw new ConductorUnavailableException(
              serverUrl,
              "Conductor at "
                  + serverUrl
                  + " refused the key id and secret (HTTP "
                  + resp.statusCode()
                  + " from /api/token)",
              null);
        }
        return io.idflow.api.internal.Json.MAPPER.readTree(resp.body()).path("token").asText();
      } catch (IOException e) {
        throw ConductorUnavailableException.unreachable(serverUrl, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ConductorUnavailableException.unreachable(serverUrl, e);
      }
    }
  }
}
