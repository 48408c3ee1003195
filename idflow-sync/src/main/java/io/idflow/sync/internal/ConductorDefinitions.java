package io.idflow.sync.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.ConductorClientRequest;
import com.netflix.conductor.client.http.ConductorClientRequest.Method;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.sync.DefinitionKind;
import io.idflow.sync.RemoteDefinitions;
import io.idflow.sync.SyncTarget;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The Conductor REST calls of definition sync, made with raw JSON so that no field is lost to the
 * client's models: bulk reads, bulk upserts, deletes, and the search for runs. Thread-safe as the
 * client it wraps; failures surface as the client's {@link ConductorClientException} (an
 * unreachable server as {@link io.idflow.api.ConductorUnavailableException}).
 */
public final class ConductorDefinitions implements SyncTarget {

  /** How many definitions one bulk upsert carries. */
  public static final int BATCH = 500;

  private static final TypeReference<JsonNode> JSON = new TypeReference<>() {};

  private final IdflowConductorClient client;

  /** Uses this client (owned by the caller). */
  public ConductorDefinitions(IdflowConductorClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** The server's URL, for messages. */
  public String serverUrl() {
    return client.serverUrl();
  }

  /**
   * Reads every definition of these kinds: one GET per kind, sent at the same time (the server
   * answers one while the client parses another). When reads fail, the first failure in the order
   * task definitions, workflows, event handlers is thrown.
   */
  public RemoteDefinitions read(Set<DefinitionKind> kinds) {
    Map<DefinitionKind, CompletableFuture<List<ObjectNode>>> reads =
        new EnumMap<>(DefinitionKind.class);
    for (DefinitionKind kind : DefinitionKind.values()) {
      if (kinds.contains(kind)) {
        String path = path(kind);
        // A thread each: the common pool may have one worker, busy with the local files.
        reads.put(kind, CompletableFuture.supplyAsync(() -> list(path), NEW_THREAD));
      }
    }
    Map<DefinitionKind, List<ObjectNode>> lists = new EnumMap<>(DefinitionKind.class);
    RuntimeException failure = null;
    for (Map.Entry<DefinitionKind, CompletableFuture<List<ObjectNode>>> e : reads.entrySet()) {
      try {
        lists.put(e.getKey(), e.getValue().join());
      } catch (CompletionException ex) {
        if (ex.getCause() instanceof Error error) {
          throw error;
        }
        if (failure == null) {
          failure = ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new RemoteDefinitions(
        lists.getOrDefault(DefinitionKind.TASK_DEF, List.of()),
        lists.getOrDefault(DefinitionKind.WORKFLOW, List.of()),
        lists.getOrDefault(DefinitionKind.EVENT_HANDLER, List.of()),
        kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds));
  }

  private static final Executor NEW_THREAD =
      task -> {
        Thread t = new Thread(task, "conductor-read");
        t.setDaemon(true);
        t.start();
      };

  private static String path(DefinitionKind kind) {
    return switch (kind) {
      case TASK_DEF -> "/metadata/taskdefs";
      case WORKFLOW -> "/metadata/workflow";
      case EVENT_HANDLER -> "/event";
    };
  }

  /** Creates or replaces task definitions: POST /metadata/taskdefs (an upsert), in batches. */
  public void upsertTaskDefs(List<ObjectNode> defs) {
    for (int i = 0; i < defs.size(); i += BATCH) {
      call(Method.POST, "/metadata/taskdefs", defs.subList(i, Math.min(defs.size(), i + BATCH)));
    }
  }

  /**
   * Creates or replaces workflow versions: PUT /metadata/workflow (an upsert per name and version),
   * in batches. Conductor validates a whole batch at once (HTTP 400 for all of it) and reports
   * other failures per workflow name.
   *
   * @return workflow name to error message, for the workflows the server refused one by one
   */
  @Override
  public Map<String, String> upsertWorkflows(List<ObjectNode> defs) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (int i = 0; i < defs.size(); i += BATCH) {
      JsonNode resp =
          call(Method.PUT, "/metadata/workflow", defs.subList(i, Math.min(defs.size(), i + BATCH)));
      if (resp != null) {
        resp.path("bulkErrorResults")
            .fields()
            .forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
      }
    }
    return errors;
  }

  /** Creates an event handler: POST /event. */
  public void createEventHandler(ObjectNode handler) {
    call(Method.POST, "/event", handler);
  }

  /** Replaces an event handler: PUT /event. */
  public void updateEventHandler(ObjectNode handler) {
    call(Method.PUT, "/event", handler);
  }

  /** Deletes a task definition: DELETE /metadata/taskdefs/{name}. */
  public void deleteTaskDef(String name) {
    client.execute(
        ConductorClientRequest.builder()
            .method(Method.DELETE)
            .path("/metadata/taskdefs/{name}")
            .addPathParam("name", name)
            .build(),
        JSON);
  }

  /** Deletes one workflow version: DELETE /metadata/workflow/{name}/{version}. */
  public void deleteWorkflow(String name, int version) {
    client.execute(
        ConductorClientRequest.builder()
            .method(Method.DELETE)
            .path("/metadata/workflow/{name}/{version}")
            .addPathParam("name", name)
            .addPathParam("version", version)
            .build(),
        JSON);
  }

  /**
   * The RUNNING and PAUSED executions of a workflow name, every version, with Conductor's search
   * query {@code workflowType=<name> AND status IN (RUNNING,PAUSED)}, page by page.
   */
  public List<WorkflowRun> activeRuns(String workflowName) {
    List<WorkflowRun> runs = new ArrayList<>();
    int size = 1000;
    for (int start = 0; ; start += size) {
      JsonNode page =
          client
              .execute(
                  ConductorClientRequest.builder()
                      .method(Method.GET)
                      .path("/workflow/search")
                      .addQueryParam("start", start)
                      .addQueryParam("size", size)
                      .addQueryParam(
                          "query",
                          "workflowType=" + workflowName + " AND status IN (RUNNING,PAUSED)")
                      .build(),
                  JSON)
              .getData();
      JsonNode results = page == null ? null : page.path("results");
      if (results == null || !results.isArray() || results.isEmpty()) {
        return runs;
      }
      for (JsonNode r : results) {
        // The query is exact on name and status already; checked again in case a server
        // ignores a clause (an unknown field silently matches everything).
        String status = r.path("status").asText();
        if (r.path("workflowType").asText().equals(workflowName)
            && (status.equals("RUNNING") || status.equals("PAUSED"))) {
          runs.add(
              new WorkflowRun(
                  r.path("workflowId").asText(), workflowName, r.path("version").asInt(1), status));
        }
      }
      if (results.size() < size || start + size >= page.path("totalHits").asLong()) {
        return runs;
      }
    }
  }

  private List<ObjectNode> list(String path) {
    JsonNode data =
        client
            .execute(ConductorClientRequest.builder().method(Method.GET).path(path).build(), JSON)
            .getData();
    List<ObjectNode> out = new ArrayList<>();
    if (data != null && data.isArray()) {
      for (JsonNode n : data) {
        if (n.isObject()) {
          out.add((ObjectNode) n);
        }
      }
    }
    return out;
  }

  private JsonNode call(Method method, String path, Object body) {
    return client
        .execute(
            ConductorClientRequest.builder().method(method).path(path).body(body).build(), JSON)
        .getData();
  }

  /**
   * One execution of a workflow.
   *
   * @param workflowId the execution id
   * @param name the workflow name
   * @param version the workflow version it runs
   * @param status RUNNING or PAUSED
   */
  public record WorkflowRun(String workflowId, String name, int version, String status) {}
}
