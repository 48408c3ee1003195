package io.idflow.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.internal.Json;
import io.idflow.api.resource.Origin;
import io.idflow.conductor.ConductorClients;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.sync.SyncApply.Outcome;
import io.idflow.sync.internal.ConductorDefinitions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures a real Conductor does not produce on demand (a 500 for task definitions, a per-name
 * error in the bulk workflow response), from a stub server.
 */
class SyncApplyTest {

  @TempDir Path dir;

  private HttpServer stub;
  private IdflowConductorClient client;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/api/",
        exchange -> {
          String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
          requests.add(call);
          exchange.getRequestBody().readAllBytes();
          int status = 200;
          String body = "";
          switch (call) {
            case "POST /api/metadata/taskdefs" -> {
              status = 500;
              body = "{\"status\":500,\"message\":\"database is locked\"}";
            }
            case "PUT /api/metadata/workflow" ->
                body =
                    "{\"bulkErrorResults\":{\"wf_b\":\"cannot store wf_b\"},"
                        + "\"bulkSuccessfulResults\":[\"wf_a\"]}";
            default -> {}
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    stub.start();
    client =
        ConductorClients.create(
            new ConfigLoader()
                .env(
                    Map.of(
                        "IDFLOW_CONDUCTOR_URL", "http://127.0.0.1:" + stub.getAddress().getPort()))
                .workingDir(dir)
                .load());
  }

  @AfterEach
  void stop() {
    client.shutdown();
    stub.stop(0);
  }

  private static Definition def(DefinitionKind kind, String name, Integer version) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("name", name);
    if (version != null) {
      json.put("version", version);
    }
    return new Definition(kind, name, version, json, "src", Origin.CUSTOM);
  }

  private static SyncPlan.Change create(Definition d) {
    return new SyncPlan.Change(
        d.kind(), d.name(), d.version(), SyncAction.CREATE, List.of(), d, null);
  }

  @Test
  void eachFailureIsRecordedAndTheRestStillGoesAheadInOrder() {
    Definition conflicting = def(DefinitionKind.WORKFLOW, "wf_c", 1);
    SyncPlan plan =
        new SyncPlan(
            List.of(
                create(def(DefinitionKind.TASK_DEF, "t", null)),
                create(def(DefinitionKind.WORKFLOW, "wf_a", 1)),
                create(def(DefinitionKind.WORKFLOW, "wf_b", 1)),
                new SyncPlan.Change(
                    DefinitionKind.WORKFLOW,
                    "wf_c",
                    1,
                    SyncAction.CONFLICT,
                    List.of("x: 1 -> 2"),
                    conflicting,
                    conflicting.json()),
                create(def(DefinitionKind.EVENT_HANDLER, "h", null))),
            List.of());

    List<SyncApply.Result> results = SyncApply.apply(plan, new ConductorDefinitions(client), false);

    assertThat(results)
        .extracting(r -> r.change().name(), SyncApply.Result::outcome, SyncApply.Result::error)
        .containsExactly(
            tuple("t", Outcome.FAILED, "HTTP 500: database is locked"),
            tuple("wf_a", Outcome.CREATED, null),
            tuple("wf_b", Outcome.FAILED, "cannot store wf_b"),
            tuple("wf_c", Outcome.REFUSED, null),
            tuple("h", Outcome.CREATED, null));
    // One request per kind, task definitions first; the refused conflict is not sent.
    assertThat(requests)
        .containsExactly(
            "POST /api/metadata/taskdefs", "PUT /api/metadata/workflow", "POST /api/event");
    assertThat(SyncApply.counts(results))
        .containsEntry(Outcome.CREATED, 2)
        .containsEntry(Outcome.FAILED, 2)
        .containsEntry(Outcome.REFUSED, 1);
  }
}
