package io.idflow.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a plan does with one definition. */
public enum SyncAction {
  /** Only local: it is created in Conductor. */
  CREATE("create"),
  /** Task definition or event handler whose content differs: Conductor's is replaced. */
  UPDATE("update"),
  /** The same in both (fields the server fills in are ignored): nothing to do. */
  UNCHANGED("unchanged"),
  /** Only in Conductor: left alone (sync never deletes; see prune and purge). */
  REMOTE_ONLY("remote-only"),
  /**
   * A workflow whose name and version exist in Conductor with other content: refused unless forced
   * (bump the version instead).
   */
  CONFLICT("conflict");

  private final String label;

  SyncAction(String label) {
    this.label = label;
  }

  /** The word printed in listings and JSON. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Whether applying the plan writes something for this action (a conflict only when forced). */
  public boolean writes(boolean force) {
    return this == CREATE || this == UPDATE || (this == CONFLICT && force);
  }
}
