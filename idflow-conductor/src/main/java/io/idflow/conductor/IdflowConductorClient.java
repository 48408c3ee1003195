package io.idflow.conductor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.ConductorClientRequest;
import com.netflix.conductor.client.http.ConductorClientResponse;
import io.idflow.api.ConductorUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link ConductorClient} that reports a server it cannot reach, or one that refuses the
 * credentials, as a {@link ConductorUnavailableException} (exit code 4) instead of a bare I/O
 * error. Every other failure is left as the client's {@link ConductorClientException}. Create it
 * with {@link ConductorClients}. Thread-safe, like the client it extends.
 */
public class IdflowConductorClient extends ConductorClient {

  private final String serverUrl;

  IdflowConductorClient(ConductorClient.Builder<?> builder, String serverUrl) {
    super(builder);
    this.serverUrl = serverUrl;
  }

  /** The HTTP client underneath, for tests of how it is set up. */
  okhttp3.OkHttpClient okHttp() {
    return okHttpClient;
  }

  /** The server URL without {@code /api}, e.g. {@code http://localhost:8080}. */
  public String serverUrl() {
    return serverUrl;
  }

  @Override
  public <T> ConductorClientResponse<T> execute(
      ConductorClientRequest req, TypeReference<T> typeReference) {
    try {
      return super.execute(req, typeReference);
    } catch (ConductorClientException e) {
      if (e.getCause() instanceof IOException
          && !(e.getCause() instanceof JsonProcessingException)
          && e.getStatus() == 0) {
        throw ConductorUnavailableException.unreachable(serverUrl, e.getCause());
      }
      if (e.getStatus() == 401 || e.getStatus() == 403) {
        throw new ConductorUnavailableException(
            serverUrl,
            "Conductor at "
                + serverUrl
                + " refused the credentials (HTTP "
                + e.getStatus()
                + "); check the variables named by conductor.api_key_env_var or"
                + " conductor.auth_key_env_var/auth_secret_env_var",
            e);
      }
      if (!answeredAsConductor(e)) {
        throw notConductor(serverUrl, e);
      }
      throw e;
    }
  }

  /**
   * Whether a failed request's answer came from Conductor: Conductor answers every error with a
   * JSON object holding {@code status} or {@code message}; a client failure on a successful status
   * means the body was not what Conductor sends.
   */
  static boolean answeredAsConductor(ConductorClientException e) {
    if (e.getCause() instanceof JsonProcessingException) {
      return false;
    }
    if (e.getStatus() < 400) {
      return e.getStatus() == 0;
    }
    // The client reads an error body as Conductor's error object; only when that fails does the
    // exception keep the response's headers and raw body.
    if (e.getResponseHeaders() != null) {
      return false;
    }
    String message = e.getMessage();
    return message != null && !message.isBlank();
  }

  /** The one-line error for a server that answers, but not as Conductor does. */
  static ConductorUnavailableException notConductor(String url, ConductorClientException e) {
    StringBuilder what = new StringBuilder("HTTP ").append(e.getStatus());
    String type = contentType(e);
    if (!type.isEmpty()) {
      what.append(", ").append(type);
    }
    return new ConductorUnavailableException(
        url,
        "the server at "
            + url
            + " does not answer as Conductor ("
            + what
            + "); check conductor.server_url (or --server, IDFLOW_CONDUCTOR_URL)",
        e);
  }

  private static String contentType(ConductorClientException e) {
    Map<String, List<String>> headers = e.getResponseHeaders();
    if (headers == null) {
      return "";
    }
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if ("content-type".equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return "";
  }
}
