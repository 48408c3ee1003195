package io.idflow.conductor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClient;
import com.netflix.conductor.client.http.ConductorClientRequest;
import com.netflix.conductor.client.http.ConductorClientResponse;
import io.idflow.api.ConductorUnavailableException;
import java.io.IOException;

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
      if (e.getCause() instanceof IOException && e.getStatus() == 0) {
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
      throw e;
    }
  }
}
