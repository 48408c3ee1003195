package io.idflow.api.resource;

import io.idflow.api.config.IdflowConfig;
import io.idflow.api.vendor.VendorSpec;
import io.idflow.api.vendor.Vendors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Resolves {@code workflows/}, {@code tasks/} and {@code stages/} over the ordered bases: the core
 * library shipped in the jars, then the vendors (a lower {@code priority} number wins), then the
 * project, which always wins.
 *
 * <ul>
 *   <li>{@code tasks/<dir>} and {@code workflows/<dir>} are keyed by folder name: the folder of the
 *       base with the highest precedence replaces the others as a whole ({@link
 *       #directories(ResourceKind)}).
 *   <li>Stages are keyed by their YAML {@code name} and deep-merged by the stage engine; the
 *       resolver gives it the files of every base in precedence order ({@link #stageFiles()}).
 * </ul>
 *
 * <p>Immutable and thread-safe; the file system is read on every call (nothing is cached), so a
 * resolver sees files that change while it lives.
 */
public final class ResourceResolver {

  private final List<ResourceBase> bases;
  private final List<String> unfetched;

  private ResourceResolver(List<ResourceBase> bases, List<String> unfetched) {
    this.bases = List.copyOf(bases);
    this.unfetched = List.copyOf(unfetched);
  }

  /**
   * The resolver for a configuration: the core library on the class path of idflow-api's class
   * loader, the enabled vendors of {@code config/vendors.d} that {@code idflow vendor fetch} has
   * materialised under {@code .idflow/vendors/}, and the project at {@link
   * IdflowConfig#projectRoot()}. Reads no network.
   *
   * @throws io.idflow.api.ConfigurationException for a bad vendor spec, or a vendor that declares
   *     vendors of its own
   */
  public static ResourceResolver forConfig(IdflowConfig config) {
    Path project = config.projectRoot();
    Builder b = builder().core(ResourceResolver.class.getClassLoader()).project(project);
    for (VendorSpec spec : Vendors.read(project)) {
      if (!spec.enabled()) {
        continue;
      }
      Optional<Path> root = Vendors.root(project, spec);
      if (root.isPresent()) {
        Vendors.refuseNested(spec, root.get(), project);
        b.vendor(spec.name(), spec.priority(), root.get());
      } else {
        b.unfetched.add(spec.name());
      }
    }
    return b.build();
  }

  /**
   * The enabled vendors of the configuration that have not been fetched ({@code idflow vendor
   * fetch}), so their resources are missing; empty for a resolver made by the builder.
   */
  public List<String> unfetchedVendors() {
    return unfetched;
  }

  /** A builder with no bases. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bases, lowest precedence first: core, vendors (highest priority number first), project. */
  public List<ResourceBase> bases() {
    return bases;
  }

  /**
   * The effective folders of a kind, sorted by name: for each folder name, the folder of the base
   * with the highest precedence, with the name's {@link Origin}.
   *
   * @param kind {@link ResourceKind#TASKS} or {@link ResourceKind#WORKFLOWS}
   * @throws IllegalArgumentException for {@link ResourceKind#STAGES} (stages merge by YAML name)
   * @throws UncheckedIOException when a folder cannot be read
   */
  public List<ResourceDir> directories(ResourceKind kind) {
    if (kind == ResourceKind.STAGES) {
      throw new IllegalArgumentException("stages are keyed by YAML name: use stageFiles()");
    }
    Map<String, Path> chosenPath = new TreeMap<>();
    Map<String, ResourceBase> chosenBase = new LinkedHashMap<>();
    Map<String, Set<BaseType>> definedIn = new LinkedHashMap<>();
    for (ResourceBase base : bases) {
      Map<String, Path> ofBase = new LinkedHashMap<>();
      for (Path root : base.roots()) {
        for (Path dir : list(root.resolve(kind.folder()), true)) {
          ofBase.putIfAbsent(ResourceDir.slashes(dir.getFileName()), dir);
        }
      }
      for (Map.Entry<String, Path> e : ofBase.entrySet()) {
        chosenPath.put(e.getKey(), e.getValue());
        chosenBase.put(e.getKey(), base);
        definedIn.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(BaseType.class)).add(base.type());
      }
    }
    List<ResourceDir> out = new ArrayList<>();
    for (Map.Entry<String, Path> e : chosenPath.entrySet()) {
      String name = e.getKey();
      out.add(
          new ResourceDir(
              kind, name, chosenBase.get(name), e.getValue(), Origin.of(definedIn.get(name))));
    }
    return out;
  }

  /** The effective folder of one name, if any base has it. */
  public Optional<ResourceDir> directory(ResourceKind kind, String name) {
    return directories(kind).stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * The stage files ({@code stages/*.yml} and {@code *.yaml}, not recursive) of every base, lowest
   * precedence first, sorted by file name within a base; the stage engine merges them by YAML
   * {@code name} in this order and classifies each name with {@link Origin#of}.
   *
   * @throws UncheckedIOException when a folder cannot be read
   */
  public List<ResourceFile> stageFiles() {
    List<ResourceFile> out = new ArrayList<>();
    for (ResourceBase base : bases) {
      Map<String, ResourceFile> ofBase = new TreeMap<>();
      for (Path root : base.roots()) {
        for (Path file : list(root.resolve(ResourceKind.STAGES.folder()), false)) {
          String fileName = ResourceDir.slashes(file.getFileName());
          if (fileName.endsWith(".yml") || fileName.endsWith(".yaml")) {
            ofBase.putIfAbsent(
                fileName, new ResourceFile(base, ResourceKind.STAGES, file, "stages/" + fileName));
          }
        }
      }
      out.addAll(ofBase.values());
    }
    return out;
  }

  private static List<Path> list(Path folder, boolean directories) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> !ResourceDir.slashes(p.getFileName()).startsWith("."))
          .filter(p -> directories ? Files.isDirectory(p) : Files.isRegularFile(p))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder.toUri(), e);
    }
  }

  /** Collects bases; the order of calls does not matter, {@link #build()} orders them. */
  public static final class Builder {
    private final List<ResourceBase> bases = new ArrayList<>();
    private final List<String> unfetched = new ArrayList<>();

    private Builder() {}

    /** Adds the core library as seen by this class loader ({@link ResourceBase#core}). */
    public Builder core(ClassLoader loader) {
      return base(ResourceBase.core(loader));
    }

    /**
     * Adds a vendor; among vendors a lower priority number wins, equal priorities are ordered by
     * name (the alphabetically first wins).
     */
    public Builder vendor(String name, int priority, Path root) {
      return base(ResourceBase.vendor(name, priority, root));
    }

    /** Adds the project. */
    public Builder project(Path root) {
      return base(ResourceBase.project(root));
    }

    /** Adds any base. */
    public Builder base(ResourceBase base) {
      bases.add(base);
      return this;
    }

    /** The resolver, its bases ordered lowest precedence first. */
    public ResourceResolver build() {
      List<ResourceBase> ordered = new ArrayList<>(bases);
      ordered.sort(
          Comparator.comparingInt((ResourceBase b) -> b.type().ordinal())
              // Vendors: the highest number first (lowest precedence), so the lowest number wins.
              .thenComparing(Comparator.comparingInt(ResourceBase::priority).reversed())
              .thenComparing(Comparator.comparing(ResourceBase::name).reversed()));
      return new ResourceResolver(ordered, unfetched);
    }
  }
}
