package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.config.IdflowConfig;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DocumentStores;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.StageDefinitions;
import io.idflow.testing.Waits;
import io.idflow.worker.TaskRunner;
import io.idflow.worker.WorkerConfig;
import io.idflow.worker.WorkerMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two projects on one Conductor server, both running stages with the same stage system tasks
 * ({@code update_stage_status} is one task name on a server): with {@code worker.all.domain} set,
 * each project's stage runs put their tasks in its domain and only its runner takes them, so every
 * document of both projects ends its stage {@code done}. Without domains the runners took each
 * other's {@code update_stage_status} tasks and failed them with "document not found" (and here,
 * with the runners polling their domains, nobody would take the runs' tasks).
 */
@ExtendWith(ConductorServerExtension.class)
class StageDomainsIT {

  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final int DOCUMENTS = 4;

  @TempDir Path a;
  @TempDir Path b;
  private final List<TaskRunner> runners = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (TaskRunner r : runners) {
      r.shutdownNow();
      r.awaitTermination(Duration.ofSeconds(10));
    }
  }

  @Test
  void twoProjectsSharingAServerEachRunOnlyTheirOwnStageTasks(ConductorTestServer server)
      throws IOException {
    IdflowConductorClient client = server.client();
    String suffix = ConductorTestServer.uniqueName("d").substring(2);
    String workflow = "domains_" + suffix;
    MetadataClient meta = new MetadataClient(client);
    StageDefinitions.registerStageTask(meta);
    meta.updateWorkflowDefs(
        List.of(
            StageDefinitions.stageWorkflow(),
            StageDefinitions.stageWorkflowFailed(),
            inline(workflow, "(function(){ return 1; })()"),
            inline(workflow + "_broken", "(function(){ throw new Error('kaboom'); })()")));
    IdflowConfig configA = project(a, server, workflow, "a_" + suffix);
    IdflowConfig configB = project(b, server, workflow, "b_" + suffix);
    runners.add(start(client, configA));
    runners.add(start(client, configB));

    List<String> docsA = addDocuments(configA, "a");
    List<String> docsB = addDocuments(configB, "b");

    assertAllDone(configA, docsA, "a");
    assertAllDone(configB, docsB, "b");

    // A failed run is recorded by the failure workflow, whose update_stage_status inherits the
    // run's domains: the stage ends blocked in its own project.
    for (IdflowConfig config : List.of(configA, configB)) {
      try (DocumentStore store = DocumentStores.open(config)) {
        String id = store.create(Document.create().put("kind", "broken")).id();
        StageInstance s =
            Waits.until(
                "stage 'breaks' of " + id + " ended",
                WAIT,
                () -> {
                  Optional<StageInstance> found = store.get(id).stage("breaks", 1);
                  return found.isPresent() && !found.get().status().isOpen() ? found.get() : null;
                });
        assertThat(s.status()).isEqualTo(StageStatus.BLOCKED);
      }
    }
  }

  private static TaskRunner start(IdflowConductorClient client, IdflowConfig config) {
    TaskRunner r =
        TaskRunner.builder(client)
            .gracePeriod(Duration.ofSeconds(5))
            .workers(WorkerMethod.allOf(new StageTasks(config)), WorkerConfig.of(config))
            .build();
    r.start();
    return r;
  }

  private static List<String> addDocuments(IdflowConfig config, String project) {
    List<String> ids = new ArrayList<>();
    try (DocumentStore store = DocumentStores.open(config)) {
      for (int i = 0; i < DOCUMENTS; i++) {
        ids.add(
            store.create(Document.create().put("kind", "shared").put("project", project + i)).id());
      }
    }
    return ids;
  }

  private static void assertAllDone(IdflowConfig config, List<String> ids, String project) {
    try (DocumentStore store = DocumentStores.open(config)) {
      for (String id : ids) {
        StageInstance s =
            Waits.until(
                "stage 'shared' of " + id + " in project " + project + " ended",
                WAIT,
                () -> {
                  Optional<StageInstance> found = store.get(id).stage("shared", 1);
                  return found.isPresent() && !found.get().status().isOpen() ? found.get() : null;
                });
        assertThat(s.status())
            .as("%s in project %s: %s", id, project, s)
            .isEqualTo(StageStatus.DONE);
      }
    }
  }

  /** A project whose workers poll {@code domain}, with one stage running {@code workflow}. */
  private static IdflowConfig project(
      Path dir, ConductorTestServer server, String workflow, String domain) throws IOException {
    write(
        dir,
        "config/idflow.yml",
        """
        base_dir: data
        conductor:
          server_url: %s
        worker:
          all:
            domain: %s
        """
            .formatted(server.url(), domain));
    write(
        dir,
        "stages/shared.yml",
        """
        name: shared
        workflows:
          - name: %s
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: shared}
        """
            .formatted(workflow));
    write(
        dir,
        "stages/breaks.yml",
        """
        name: breaks
        workflows:
          - name: %s_broken
        requirements:
          attribute_checks:
            - {attribute: kind, operator: EQ, value: broken}
        """
            .formatted(workflow));
    return new ConfigLoader().env(Map.of()).workingDir(dir).load();
  }

  private static void write(Path dir, String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /**
   * A workflow of one INLINE task running {@code script}; its output {@code doc} names the project.
   */
  private static WorkflowDef inline(String name, String script) {
    WorkflowDef def = new WorkflowDef();
    def.setName(name);
    def.setVersion(1);
    def.setSchemaVersion(2);
    def.setOwnerEmail("idflow@example.com");
    WorkflowTask t = new WorkflowTask();
    t.setName("mk");
    t.setTaskReferenceName("mk");
    t.setType("INLINE");
    t.setInputParameters(Map.of("evaluatorType", "graaljs", "expression", script));
    def.setTasks(List.of(t));
    def.setOutputParameters(Map.of("doc", Map.of("project", "${workflow.input.doc.project}")));
    return def;
  }
}
