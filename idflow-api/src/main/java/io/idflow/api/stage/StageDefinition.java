package io.idflow.api.stage;

import io.idflow.api.resource.Origin;
import io.idflow.api.resource.ResourceFile;
import io.idflow.api.value.internal.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stage: which workflows to start on a document, and when the document qualifies. Read from
 * {@code stages/*.yml} by {@link StageCatalog} (the files of every base with the same {@code name},
 * deep-merged), or built in code with {@link #builder(String)}. Immutable.
 *
 * @param name the stage's identity (the YAML {@code name}, not the file name): letters, digits,
 *     {@code _ . -}, as stage instance folders need
 * @param active YAML {@code active}, default true; an inactive stage is listed but never evaluated
 * @param multipleCallable YAML {@code multiple_callable}, default false; whether a document may get
 *     a new instance after one has completed (a rerun)
 * @param noEval YAML {@code no_eval}, default false; a stage that is never evaluated or started
 *     automatically (its requirements are never met)
 * @param workflows YAML {@code workflows}, default empty: the workflows to start, in order; names
 *     are unique within the stage
 * @param requirements YAML {@code requirements}, default {@link Requirements#NONE}
 * @param sources the files merged into this definition, lowest precedence first (the last one is
 *     the effective file); empty for definitions built in code
 * @param origin where the name is defined over all bases, for listings
 */
public record StageDefinition(
    String name,
    boolean active,
    boolean multipleCallable,
    boolean noEval,
    List<StageWorkflow> workflows,
    Requirements requirements,
    List<ResourceFile> sources,
    Origin origin) {

  /**
   * Validates the fields and copies the lists.
   *
   * @throws IllegalArgumentException when the name is not a valid stage name or two workflows have
   *     the same name
   */
  public StageDefinition {
    Names.requireKey("stage name", name);
    workflows = List.copyOf(Objects.requireNonNull(workflows, "workflows"));
    Objects.requireNonNull(requirements, "requirements");
    sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    Objects.requireNonNull(origin, "origin");
    Set<String> names = new HashSet<>();
    for (StageWorkflow w : workflows) {
      if (!names.add(w.name())) {
        throw new IllegalArgumentException(
            "workflows: '" + w.name() + "' is listed more than once");
      }
    }
  }

  /** A builder for a stage with this name, every other field at its YAML default. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The highest-precedence file that defines the stage; empty for definitions built in code. */
  public Optional<ResourceFile> effectiveSource() {
    return sources.isEmpty() ? Optional.empty() : Optional.of(sources.get(sources.size() - 1));
  }

  /** The workflow of this stage with this name. */
  public Optional<StageWorkflow> workflow(String workflowName) {
    return workflows.stream().filter(w -> w.name().equals(workflowName)).findFirst();
  }

  /** Builds a {@link StageDefinition} in code (tests, programmatic stages). Not thread-safe. */
  public static final class Builder {
    private final String name;
    private boolean active = true;
    private boolean multipleCallable;
    private boolean noEval;
    private List<StageWorkflow> workflows = List.of();
    private Requirements requirements = Requirements.NONE;
    private List<ResourceFile> sources = List.of();
    private Origin origin = Origin.CUSTOM;

    private Builder(String name) {
      this.name = name;
    }

    /** Whether the stage is evaluated at all; default true. */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /** Whether reruns are allowed; default false. */
    public Builder multipleCallable(boolean multipleCallable) {
      this.multipleCallable = multipleCallable;
      return this;
    }

    /** Whether the stage is never evaluated; default false. */
    public Builder noEval(boolean noEval) {
      this.noEval = noEval;
      return this;
    }

    /** The workflows; default none. */
    public Builder workflows(List<StageWorkflow> workflows) {
      this.workflows = workflows;
      return this;
    }

    /** The workflows; default none. */
    public Builder workflows(StageWorkflow... workflows) {
      return workflows(List.of(workflows));
    }

    /** The requirements; default {@link Requirements#NONE}. */
    public Builder requirements(Requirements requirements) {
      this.requirements = requirements;
      return this;
    }

    /** The requirements; default none. */
    public Builder requirements(Requirement... requirements) {
      return requirements(Requirements.of(requirements));
    }

    /** The files it was read from, lowest precedence first; default none. */
    public Builder sources(List<ResourceFile> sources) {
      this.sources = sources;
      return this;
    }

    /** Where the name is defined; default {@link Origin#CUSTOM}. */
    public Builder origin(Origin origin) {
      this.origin = origin;
      return this;
    }

    /**
     * Builds the definition.
     *
     * @throws IllegalArgumentException when a field is invalid (see the record's constructor)
     */
    public StageDefinition build() {
      return new StageDefinition(
          name, active, multipleCallable, noEval, workflows, requirements, sources, origin);
    }
  }
}
