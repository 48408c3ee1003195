package io.idflow.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.client.http.WorkflowClient;
import com.netflix.conductor.common.metadata.workflow.StartWorkflowRequest;
import com.netflix.conductor.common.metadata.workflow.WorkflowDef;
import com.netflix.conductor.common.run.SearchResult;
import com.netflix.conductor.common.run.WorkflowSummary;
import io.idflow.conductor.IdflowConductorClient;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import io.idflow.testing.TestDefinitions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared harness gives this module a real Conductor: a registered workflow runs and is found by
 * its correlation id, the way the stage engine will refuse duplicate starts.
 */
@ExtendWith(ConductorServerExtension.class)
class ConductorSmokeIT {

  @Test
  void aWorkflowIsFoundByItsCorrelationId(ConductorTestServer server) {
    IdflowConductorClient client = server.client();
    try {
      MetadataClient meta = new MetadataClient(client);
      String name = ConductorTestServer.uniqueName("stage_it");
      WorkflowDef def = TestDefinitions.noopWorkflow(name, 1);
      meta.updateWorkflowDefs(List.of(def));

      WorkflowClient workflows = new WorkflowClient(client);
      String correlationId = "doc-" + name + "-1";
      StartWorkflowRequest start = new StartWorkflowRequest();
      start.setName(name);
      start.setVersion(1);
      start.setCorrelationId(correlationId);
      String id = workflows.startWorkflow(start);

      SearchResult<WorkflowSummary> found =
          workflows.search(0, 10, null, "*", "correlationId=" + correlationId);
      assertThat(found.getResults()).extracting(WorkflowSummary::getWorkflowId).containsExactly(id);

      workflows.deleteWorkflow(id, false);
      meta.unregisterWorkflowDef(name, 1);
    } finally {
      client.shutdown();
    }
  }
}
