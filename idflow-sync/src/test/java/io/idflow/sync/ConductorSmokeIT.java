package io.idflow.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.metadata.workflow.WorkflowTask;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.TestDefinitions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared harness gives this module a real Conductor: a workflow definition round trip. */
@ExtendWith(ConductorServerExtension.class)
class ConductorSmokeIT {

  @Test
  void registerReadBackAndDeleteAWorkflowDefinition(ConductorTestServer server) {
    IdflowConductorClient client = server.client();
    try {
      MetadataClient meta = new MetadataClient(client);
      String name = ConductorTestServer.uniqueName("sync_it");
      WorkflowDef def = TestDefinitions.noopWorkflow(name, 3);
      meta.updateWorkflowDefs(List.of(def));

      WorkflowDef back = meta.getWorkflowDef(name, 3);
      assertThat(back.getVersion()).isEqualTo(3);
      assertThat(back.getTasks())
          .extracting(WorkflowTask::getTaskReferenceName)
          .containsExactly("noop_ref");

      meta.unregisterWorkflowDef(name, 3);
      assertThatThrownBy(() -> meta.getWorkflowDef(name, 3))
          .isInstanceOf(ConductorClientException.class);
    } finally {
      client.shutdown();
    }
  }
}
