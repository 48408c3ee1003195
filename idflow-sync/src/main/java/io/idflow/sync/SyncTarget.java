package io.idflow.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Where {@link SyncApply} writes definitions: the Conductor server's metadata API (the
 * implementation the command line uses wraps an {@code IdflowConductorClient}); tests may record
 * the calls instead. Each method throws the client's exception when the server refuses.
 */
public interface SyncTarget {

  /** Creates or replaces task definitions. */
  void upsertTaskDefs(List<ObjectNode> defs);

  /**
   * Creates or replaces workflow versions.
   *
   * @return workflow name to error message, for the workflows the server refused one by one
   */
  Map<String, String> upsertWorkflows(List<ObjectNode> workflows);

  /** Creates an event handler. */
  void createEventHandler(ObjectNode handler);

  /** Replaces an event handler of the same name. */
  void updateEventHandler(ObjectNode handler);
}
