package io.idflow.api.document.internal;

/**
 * Moved to {@link io.idflow.api.value.internal.Names}; this forwarder keeps idflow-cli compiling
 * until its imports follow. Thread-safe.
 *
 * @deprecated use {@link io.idflow.api.value.internal.Names}
 */
@Deprecated(forRemoval = true)
public final class Names {

  private Names() {}

  /** See {@link io.idflow.api.value.internal.Names#isId}. */
  public static boolean isId(String s) {
    return io.idflow.api.value.internal.Names.isId(s);
  }

  /** See {@link io.idflow.api.value.internal.Names#isKey}. */
  public static boolean isKey(String s) {
    return io.idflow.api.value.internal.Names.isKey(s);
  }
}
