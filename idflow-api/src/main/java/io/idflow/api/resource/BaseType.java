package io.idflow.api.resource;

/** Where a {@link ResourceBase} comes from; decides its precedence and the origin of names. */
public enum BaseType {
  /**
   * The core library shipped in idflow's jars (class-path resources under {@code idflow/core/}).
   */
  CORE,
  /** A vendor project (a folder with the layout of a project). */
  VENDOR,
  /** The user's project (the folder holding {@code config/idflow.yml}). */
  PROJECT
}
