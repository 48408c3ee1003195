package io.idflow.content.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls to one configured HTTP endpoint with the JDK's {@link HttpClient}: a time-out per attempt,
 * retries with exponential back-off for what may pass (time-outs, connection errors, 429 with its
 * {@code Retry-After}, 5xx), no retry for what will not (401, 403, other 4xx). Every failure is an
 * {@link EndpointException} with a one-line message. Thread-safe.
 */
public final class HttpEndpoint {

  /**
   * How to reach an endpoint.
   *
   * @param name what the endpoint is, for messages ("LLM endpoint")
   * @param keyVariable the environment variable the key comes from, for messages (may be null)
   * @param apiKey the key, or null to send none
   * @param keyHeader the header that carries the key ({@code Authorization} gets {@code Bearer })
   * @param timeout the time-out of one attempt
   * @param retries how many times to try again after a failure that may pass
   * @param retryDelay the first back-off (doubled each time; a 429's Retry-After wins, up to 30 s)
   */
  public record Settings(
      String name,
      String keyVariable,
      String apiKey,
      String keyHeader,
      Duration timeout,
      int retries,
      Duration retryDelay) {

    /** Checks the fields. */
    public Settings {
      Objects.requireNonNull(name, "name");
      keyHeader = keyHeader == null || keyHeader.isBlank() ? "Authorization" : keyHeader;
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(retryDelay, "retryDelay");
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
      }
    }
  }

  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final Settings settings;
  private final HttpClient client;

  /** An endpoint with these settings. */
  public HttpEndpoint(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** GETs a URL and returns the body of a 2xx answer. */
  public String get(URI uri) {
    return send(uri, null);
  }

  /** POSTs JSON to a URL and returns the body of a 2xx answer. */
  public String postJson(URI uri, String json) {
    return send(uri, json);
  }

  private String send(URI uri, String json) {
    int attempts = settings.retries() + 1;
    EndpointException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .timeout(settings.timeout())
              .header("Accept", "application/json");
      if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
        b.header(
            settings.keyHeader(),
            settings.keyHeader().equalsIgnoreCase("Authorization")
                ? "Bearer " + settings.apiKey()
                : settings.apiKey());
      }
      if (json != null) {
        b.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      } else {
        b.GET();
      }
      Duration wait = backoff(attempt);
      try {
        HttpResponse<String> r =
            client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
          return r.body();
        }
        if (status == 401 || status == 403) {
          throw new EndpointException(
              settings.name()
                  + " at "
                  + origin(uri)
                  + " refused the request (HTTP "
                  + status
                  + excerpt(r.body())
                  + "): "
                  + keyAdvice(),
              false,
              null);
        }
        if (status != 429 && status < 500) {
          throw new EndpointException(
              settings.name()
                  + " at "
                  + origin(uri)
                  + " rejected the request (HTTP "
                  + status
                  + excerpt(r.body())
                  + ")",
              false,
              null);
        }
        last =
            new EndpointException(
                settings.name()
                    + " at "
                    + origin(uri)
                    + " answered HTTP "
                    + status
                    + (status == 429 ? " (too many requests)" : "")
                    + excerpt(r.body()),
                true,
                null);
        if (status == 429) {
          Optional<Duration> after = retryAfter(r);
          if (after.isPresent()) {
            wait = after.get();
          }
        }
      } catch (HttpTimeoutException e) {
        last =
            new EndpointException(
                settings.name()
                    + " at "
                    + origin(uri)
                    + " did not answer within "
                    + seconds(settings.timeout()),
                true,
                e);
      } catch (IOException e) {
        last =
            new EndpointException(
                settings.name() + " at " + origin(uri) + " cannot be reached: " + e, true, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EndpointException(settings.name() + " call interrupted", true, e);
      }
      if (attempt < attempts) {
        sleep(wait);
      }
    }
    throw new EndpointException(
        last.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : ""),
        true,
        last.getCause());
  }

  private String keyAdvice() {
    if (settings.keyVariable() == null) {
      return "check the endpoint's key";
    }
    return settings.apiKey() == null
        ? "set the key in the environment variable " + settings.keyVariable()
        : "check the key in the environment variable " + settings.keyVariable();
  }

  private Duration backoff(int attempt) {
    return settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> r) {
    return r.headers()
        .firstValue("Retry-After")
        .flatMap(
            v -> {
              try {
                long s = Long.parseLong(v.strip());
                Duration d = Duration.ofSeconds(Math.max(0, s));
                return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EndpointException("interrupted while waiting to retry", true, e);
    }
  }

  static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    if (line.length() > MAX_BODY_IN_MESSAGE) {
      line = line.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    return ": " + line;
  }

  static String origin(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getAuthority()
        + (uri.getPath() == null ? "" : uri.getPath());
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
