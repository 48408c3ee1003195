package io.idflow.api.resource;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Locale;

/**
 * Where a named resource (a task folder, a workflow folder, a stage) comes from, as every listing
 * prints it (reference §8.2).
 */
public enum Origin {
  /** Only the core library defines it. */
  STANDARD,
  /** The project defines it and so does the core library or a vendor (the project's wins). */
  EXTENDED,
  /** A vendor defines it (also when it overrides the core library) and the project does not. */
  VENDOR,
  /** Only the project defines it. */
  CUSTOM;

  /** The lower-case word printed in listings and JSON: {@code standard}, {@code extended}, ... */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Classifies a name by the types of the bases that define it.
   *
   * @param definedIn the types of every base that has the name; may be empty (gives {@link
   *     #CUSTOM})
   */
  public static Origin of(Collection<BaseType> definedIn) {
    boolean project = definedIn.contains(BaseType.PROJECT);
    boolean vendor = definedIn.contains(BaseType.VENDOR);
    boolean core = definedIn.contains(BaseType.CORE);
    if (project && (core || vendor)) {
      return EXTENDED;
    }
    if (vendor) {
      return VENDOR;
    }
    if (core) {
      return STANDARD;
    }
    return CUSTOM;
  }

  @Override
  public String toString() {
    return label();
  }
}
