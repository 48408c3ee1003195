package io.idflow.api.document.internal;

/**
 * Moved to {@link io.idflow.api.value.internal.Values}; this forwarder keeps idflow-cli compiling
 * until its imports follow. Thread-safe.
 *
 * @deprecated use {@link io.idflow.api.value.internal.Values}
 */
@Deprecated(forRemoval = true)
public final class Values {

  private Values() {}

  /** See {@link io.idflow.api.value.internal.Values#display}. */
  public static String display(Object value) {
    return io.idflow.api.value.internal.Values.display(value);
  }
}
