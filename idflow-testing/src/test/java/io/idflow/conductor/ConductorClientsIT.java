package io.idflow.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.conductor.client.exception.ConductorClientException;
import com.netflix.conductor.client.http.MetadataClient;
import com.netflix.conductor.common.metadata.tasks.TaskDef;
import io.idflow.testing.ConductorServerExtension;
import io.idflow.testing.ConductorTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConductorServerExtension.class)
class ConductorClientsIT {

  @Test
  void registerReadBackAndDeleteATaskDefinition(ConductorTestServer server) {
    IdflowConductorClient client = server.client();
    try {
      MetadataClient meta = new MetadataClient(client);
      String name = ConductorTestServer.uniqueName("api_it");
      TaskDef def = new TaskDef(name);
      def.setDescription("idflow-api integration test");
      def.setOwnerEmail("it@idflow.io");
      meta.registerTaskDefs(List.of(def));

      TaskDef back = meta.getTaskDef(name);
      assertThat(back.getName()).isEqualTo(name);
      assertThat(back.getDescription()).isEqualTo("idflow-api integration test");

      meta.unregisterTaskDef(name);
      assertThatThrownBy(() -> meta.getTaskDef(name))
          .isInstanceOf(ConductorClientException.class)
          .extracting(e -> ((ConductorClientException) e).getStatus())
          .isEqualTo(404);
    } finally {
      client.shutdown();
    }
  }
}
