package io.idflow.stage;

import io.idflow.api.document.Document;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageStatus;
import io.idflow.api.stage.Requirement;
import io.idflow.api.stage.Requirements;
import io.idflow.api.stage.StageDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides whether a document meets a stage's requirements. Pure: it reads the document (its
 * properties, id, status, body, attached files and stage instances) and changes nothing.
 *
 * <p>A {@code no_eval} stage is never met; a stage without requirements always is. Otherwise the
 * groups are checked in order (extras, file presence, stages, attribute checks, list checks; tasks
 * never fail) and the first one not met is reported. The rules:
 *
 * <ul>
 *   <li>extras: every listed extra is installed, as the injected predicate says; a predicate that
 *       throws counts as not installed.
 *   <li>file presence: the number of attached files with the key, compared with the count.
 *   <li>stages: for every entry the document has an instance of that stage with exactly that
 *       status.
 *   <li>attribute checks: the attribute is a frontmatter key or a dot path into nested maps ({@code
 *       meta.owner}); {@code id}, {@code status} and {@code body} are the document's own fields. An
 *       absent or null value meets no check except {@code IS null}, {@code IS_NOT <non-null>},
 *       {@code NP} and {@code NOT_REGEX}. When the check is not case-sensitive, strings on both
 *       sides are lower-cased (regular expressions are matched case-insensitively instead). {@code
 *       EQ NE GT LT GTE LTE} compare as {@link Comparison} says: numbers numerically, a number and
 *       a numeric string numerically, two strings by text (ordered numerically when both are
 *       numbers), booleans by value; values that cannot be compared (a number and {@code "abc"})
 *       meet none of them, {@code NE} included. {@code IS}/{@code IS_NOT}: the same null, boolean
 *       (or other value, without conversion). {@code CP}/{@code NP}: the whole text matches the
 *       shell glob ({@code *blog*} for "contains"); a value or pattern that is not text fails
 *       {@code CP} and meets {@code NP}, as does an invalid pattern. {@code REGEX}/{@code
 *       NOT_REGEX}: the expression is found anywhere in the text; an invalid expression or a value
 *       that is not text fails {@code REGEX} and meets {@code NOT_REGEX}.
 *   <li>list checks: the value must be a list (else no list check is met, {@code NOT_HAS}
 *       included); {@code HAS} means an element equals the check value as {@code EQ} would ({@code
 *       3} and {@code "3"} match), {@code NOT_HAS} that none does; not case-sensitive lower-cases
 *       string elements and a string check value.
 * </ul>
 *
 * <p>Immutable and thread-safe when the extras predicate is.
 */
public final class RequirementChecker {

  private final Predicate<String> extraInstalled;

  /**
   * Creates a checker.
   *
   * @param extraInstalled whether an extra (by name) is installed; consulted only by stages that
   *     require extras
   */
  public RequirementChecker(Predicate<String> extraInstalled) {
    this.extraInstalled = Objects.requireNonNull(extraInstalled, "extraInstalled");
  }

  /** Whether the document meets the stage's requirements; never met when the stage is no_eval. */
  public RequirementResult check(Document document, StageDefinition stage) {
    Objects.requireNonNull(stage, "stage");
    if (stage.noEval()) {
      return RequirementResult.noEval();
    }
    return check(document, stage.requirements());
  }

  /** Whether the document meets every requirement; the first one not met is reported. */
  public RequirementResult check(Document document, Requirements requirements) {
    Objects.requireNonNull(document, "document");
    for (Requirement r : requirements.all()) {
      RequirementResult result = check(document, r);
      if (!result.met()) {
        return result;
      }
    }
    return RequirementResult.MET;
  }

  /** Whether the document meets one requirement. */
  public RequirementResult check(Document document, Requirement requirement) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(requirement, "requirement");
    String why;
    if (requirement instanceof Requirement.Extras extras) {
      why = extras(extras);
    } else if (requirement instanceof Requirement.FilePresence files) {
      int found = document.fileRefs(files.key()).size();
      why = files.operator().test(found, files.count()) ? null : "found " + found;
    } else if (requirement instanceof Requirement.Stages stages) {
      return stages(document, stages);
    } else if (requirement instanceof Requirement.AttributeCheck check) {
      why = AttributeMatcher.attribute(check, attribute(document, check.attribute()));
    } else if (requirement instanceof Requirement.ListCheck check) {
      why = AttributeMatcher.list(check, attribute(document, check.attribute()));
    } else {
      why = null; // tasks only name what the stage needs; they are not a condition
    }
    if (why == null) {
      return RequirementResult.MET;
    }
    // The summary is built only for the requirement that failed: most checks pass.
    boolean labelled =
        requirement instanceof Requirement.AttributeCheck
            || requirement instanceof Requirement.ListCheck;
    String what = (labelled ? requirement.kind().label() + " " : "") + requirement.summary();
    return RequirementResult.notMet(requirement, what + ": " + why);
  }

  private String extras(Requirement.Extras extras) {
    for (String name : extras.names()) {
      boolean installed;
      try {
        installed = extraInstalled.test(name);
      } catch (RuntimeException e) {
        return "cannot tell whether extra '" + name + "' is installed: " + e.getMessage();
      }
      if (!installed) {
        return "extra '" + name + "' is not installed";
      }
    }
    return null;
  }

  private static RequirementResult stages(Document document, Requirement.Stages stages) {
    for (Map.Entry<String, StageStatus> e : stages.statuses().entrySet()) {
      String name = e.getKey();
      List<StageInstance> instances = document.stages(name);
      String why = null;
      if (instances.isEmpty()) {
        why = "the document has no instance of " + name;
      } else if (instances.stream().noneMatch(s -> s.status() == e.getValue())) {
        why =
            "no instance is "
                + e.getValue()
                + " ("
                + instances.stream()
                    .map(s -> s.counter() + ": " + s.status())
                    .collect(Collectors.joining(", "))
                + ")";
      }
      if (why != null) {
        return RequirementResult.notMet(
            stages, Requirement.Stages.entrySummary(name, e.getValue()) + ": " + why);
      }
    }
    return RequirementResult.MET;
  }

  /**
   * The value an attribute names: {@code id}, {@code status} (its lower-case name) and {@code body}
   * are the document's own fields; anything else a frontmatter key or dot path.
   *
   * @return the value, or null when absent
   */
  static Object attribute(Document document, String attribute) {
    return switch (attribute) {
      case "id" -> document.id();
      case "status" -> document.status().folderName();
      case "body" -> document.body();
      default -> document.get(attribute);
    };
  }
}
