package io.idflow.api.stage;

import io.idflow.api.definition.DefinitionProblem;
import io.idflow.api.definition.InvalidDefinitionsException;
import io.idflow.api.resource.BaseType;
import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.resource.ResourceResolver;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stage definitions: every {@code stages/*.yml} and {@code stages/*.yaml} of every base (core
 * library, then vendors, then the project; by file name within a base, see {@link
 * ResourceResolver#stageFiles()}), merged by their YAML {@code name}.
 *
 * <p>Files with the same name are deep-merged in that order, each over what the lower ones gave:
 * mappings merge key by key at any depth; the top-level {@code workflows} lists merge by workflow
 * {@code name} (the overlay's entries in the overlay's order, each merged into the base entry of
 * the same name, then the base entries the overlay does not name); any other value or list (such as
 * {@code requirements.attribute_checks}) is replaced as a whole. Then the merged definition is
 * validated. So a project can switch off a core stage with a file holding only {@code name} and
 * {@code active: false}, or add a workflow input without repeating the rest.
 *
 * <p>Definitions come in the order their names first appear in that walk. Inactive definitions
 * (merged {@code active: false}) are kept, so that {@code stage list} can show them: {@link
 * #definitions()} has them all, {@link #active()} only those the stage engine evaluates.
 *
 * <p>Loading never fails on content: unreadable files, invalid YAML, a missing or invalid name,
 * values of the wrong type, unknown operators or statuses and the like are collected as {@link
 * #problems()}, each naming the file (as its base names it, e.g. {@code core:stages/blog.yml}), the
 * line and the field, and the definition concerned is left out; the other definitions load.
 *
 * <p>Immutable and thread-safe.
 */
public final class StageCatalog {

  private final List<StageDefinition> definitions;
  private final List<DefinitionProblem> problems;

  private StageCatalog(List<StageDefinition> definitions, List<DefinitionProblem> problems) {
    this.definitions = List.copyOf(definitions);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads the stage files of every base of the resolver.
   *
   * @throws UncheckedIOException when a {@code stages/} folder cannot be listed (a file that cannot
   *     be read is a problem instead)
   */
  public static StageCatalog load(ResourceResolver resolver) {
    return load(resolver.stageFiles());
  }

  /**
   * Reads and merges these stage files.
   *
   * @param files lowest precedence first, as {@link ResourceResolver#stageFiles()} gives them
   */
  public static StageCatalog load(List<ResourceFile> files) {
    List<DefinitionProblem> problems = new ArrayList<>();
    StageReader reader = new StageReader(problems);
    Map<String, Merged> byName = new LinkedHashMap<>();
    for (ResourceFile file : files) {
      String text;
      try {
        text = file.readString();
      } catch (UncheckedIOException e) {
        problems.add(
            new DefinitionProblem(
                file.displayName(), "line 1", "cannot read: " + e.getCause().getMessage()));
        continue;
      }
      YamlTreeReader.Result parsed = YamlTreeReader.read(text, file.displayName());
      if (parsed.problem() != null) {
        problems.add(parsed.problem());
        continue;
      }
      String name = reader.name(parsed.root());
      if (name == null) {
        continue;
      }
      Merged m = byName.get(name);
      if (m == null) {
        byName.put(name, new Merged(parsed.root(), file));
      } else {
        m.add(parsed.root(), file);
      }
    }
    List<StageDefinition> definitions = new ArrayList<>();
    for (Merged m : byName.values()) {
      StageDefinition def = reader.read(m.tree, m.sources, Origin.of(m.types));
      if (def != null) {
        definitions.add(def);
      }
    }
    return new StageCatalog(definitions, problems);
  }

  /** The files of one name, merged so far. */
  private static final class Merged {
    YamlNode.Mapping tree;
    final List<ResourceFile> sources = new ArrayList<>();
    final Set<BaseType> types = EnumSet.noneOf(BaseType.class);

    Merged(YamlNode.Mapping tree, ResourceFile file) {
      this.tree = tree;
      sources.add(file);
      types.add(file.base().type());
    }

    void add(YamlNode.Mapping overlay, ResourceFile file) {
      tree = StageMerge.stage(tree, overlay);
      sources.add(file);
      types.add(file.base().type());
    }
  }

  /** Every valid definition, active or not, in discovery order. */
  public List<StageDefinition> definitions() {
    return definitions;
  }

  /** The valid definitions the stage engine evaluates ({@code active}), in discovery order. */
  public List<StageDefinition> active() {
    return definitions.stream().filter(StageDefinition::active).toList();
  }

  /** The valid definition with this name, active or not. */
  public Optional<StageDefinition> find(String name) {
    return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The names of the valid definitions, in discovery order. */
  public List<String> names() {
    return definitions.stream().map(StageDefinition::name).toList();
  }

  /** What is wrong with the files, in the order found; empty when all are valid. */
  public List<DefinitionProblem> problems() {
    return problems;
  }

  /**
   * This catalog, when it has no problems.
   *
   * @throws InvalidDefinitionsException (exit 5) listing every problem
   */
  public StageCatalog requireValid() {
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionsException(problems);
    }
    return this;
  }
}
