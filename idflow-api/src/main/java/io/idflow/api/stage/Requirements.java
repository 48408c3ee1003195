package io.idflow.api.stage;

import io.idflow.api.document.StageStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stage's {@code requirements}: every present group must be met (AND). Immutable.
 *
 * @param all the requirements in evaluation order ({@link Requirement.Kind} order; attribute and
 *     list checks keep their YAML order); at most one each of {@link Requirement.Extras}, {@link
 *     Requirement.FilePresence}, {@link Requirement.Stages} and {@link Requirement.Tasks}
 */
public record Requirements(List<Requirement> all) {

  /** No requirements: always met. */
  public static final Requirements NONE = new Requirements(List.of());

  private static final Set<Requirement.Kind> SINGLE =
      EnumSet.of(
          Requirement.Kind.EXTRAS,
          Requirement.Kind.FILE_PRESENCE,
          Requirement.Kind.STAGES,
          Requirement.Kind.TASKS);

  /**
   * Validates the requirements and sorts them into evaluation order (stable).
   *
   * @throws IllegalArgumentException when a single-valued kind occurs twice
   */
  public Requirements {
    Objects.requireNonNull(all, "all");
    List<Requirement> sorted = new ArrayList<>(all.size());
    Set<Requirement.Kind> seen = EnumSet.noneOf(Requirement.Kind.class);
    for (int i = 0; i < all.size(); i++) {
      Requirement r = Objects.requireNonNull(all.get(i), "all[" + i + "]");
      if (SINGLE.contains(r.kind()) && !seen.add(r.kind())) {
        throw new IllegalArgumentException(
            "all: " + r.kind().yamlKey() + " may be given only once");
      }
      sorted.add(r);
    }
    sorted.sort(Comparator.comparing(Requirement::kind));
    all = List.copyOf(sorted);
  }

  /** Requirements from these, put into evaluation order. */
  public static Requirements of(Requirement... requirements) {
    return new Requirements(List.of(requirements));
  }

  /** Whether there are no requirements at all (then they are always met). */
  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The extras that must be installed; empty when none. */
  public List<String> extras() {
    return first(Requirement.Extras.class).map(Requirement.Extras::names).orElse(List.of());
  }

  /** The file-presence requirement, if any. */
  public Optional<Requirement.FilePresence> filePresence() {
    return first(Requirement.FilePresence.class);
  }

  /** Stage name to required status, in YAML order; empty when none. */
  public Map<String, StageStatus> stages() {
    return first(Requirement.Stages.class).map(Requirement.Stages::statuses).orElse(Map.of());
  }

  /** The attribute checks, in YAML order. */
  public List<Requirement.AttributeCheck> attributeChecks() {
    return ofType(Requirement.AttributeCheck.class);
  }

  /** The list checks, in YAML order. */
  public List<Requirement.ListCheck> listChecks() {
    return ofType(Requirement.ListCheck.class);
  }

  /** The extra task names; empty when none. */
  public List<String> tasks() {
    return first(Requirement.Tasks.class).map(Requirement.Tasks::names).orElse(List.of());
  }

  /**
   * One line for {@code stage list}: every requirement's {@link Requirement#summary()} in
   * evaluation order, joined with {@code "; "}, e.g. {@code stage research done; tags HAS
   * blog_post_ideas}; {@code none} when there are no requirements.
   */
  public String summary() {
    if (all.isEmpty()) {
      return "none";
    }
    return all.stream().map(Requirement::summary).collect(Collectors.joining("; "));
  }

  private <T extends Requirement> Optional<T> first(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  private <T extends Requirement> List<T> ofType(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
