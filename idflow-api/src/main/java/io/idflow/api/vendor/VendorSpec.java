package io.idflow.api.vendor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One vendor as declared by a file {@code config/vendors.d/<file>.toml}: a folder or a git
 * repository with the layout of a project whose {@code tasks/}, {@code workflows/} and {@code
 * stages/} the project uses below its own.
 *
 * @param name the vendor's name (the file stem unless {@code name} is set); a plain folder name
 * @param enabled whether the vendor is used; default true
 * @param priority among vendors a lower number wins; default {@value Vendors#DEFAULT_PRIORITY}
 * @param type where the vendor comes from
 * @param location the git URL or the folder (relative to the project root, or absolute)
 * @param ref for git: the tag, branch or commit to check out; null for the default branch
 * @param subdir the vendor's root inside the checkout or folder; null for its top
 * @param file the spec file, for messages
 */
public record VendorSpec(
    String name,
    boolean enabled,
    int priority,
    SourceType type,
    String location,
    String ref,
    String subdir,
    Path file) {

  /** Where a vendor comes from. */
  public enum SourceType {
    /** A git repository, cloned by {@code idflow vendor fetch}. */
    GIT,
    /** A folder, linked (or copied where links are not possible) by {@code idflow vendor fetch}. */
    PATH;

    /** {@code git} or {@code path}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates the fields. */
  public VendorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(file, "file");
  }

  /** The git ref, if one is set. */
  public Optional<String> gitRef() {
    return Optional.ofNullable(ref);
  }

  /** The folder of a path vendor, resolved against the project root. */
  public Path sourcePath(Path projectRoot) {
    return projectRoot.resolve(location).toAbsolutePath().normalize();
  }
}
