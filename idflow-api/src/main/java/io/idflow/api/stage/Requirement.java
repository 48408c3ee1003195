package io.idflow.api.stage;

import io.idflow.api.document.StageStatus;
import io.idflow.api.value.internal.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One group of a stage's {@code requirements}: a record per kind, in the order {@link Kind} lists
 * them, which is the order the stage engine checks them in. All records are immutable and validate
 * their fields in their constructors ({@link IllegalArgumentException} or {@link
 * NullPointerException} naming the field).
 */
public sealed interface Requirement {

  /** The kinds of requirement, in evaluation order. */
  enum Kind {
    /** {@code extras}: named groups of libraries that must be installed. */
    EXTRAS("extras", "extras"),
    /** {@code file_presence}: attached files with a key. */
    FILE_PRESENCE("file_presence", "file presence"),
    /** {@code stages}: instances of other stages with a status. */
    STAGES("stages", "stage"),
    /** {@code attribute_checks}: one document attribute against a value. */
    ATTRIBUTE_CHECK("attribute_checks", "attribute check"),
    /** {@code list_checks}: a list attribute has (or lacks) a value. */
    LIST_CHECK("list_checks", "list check"),
    /** {@code tasks}: extra task names the stage needs; never fails a check. */
    TASKS("tasks", "tasks");

    private final String yamlKey;
    private final String label;

    Kind(String yamlKey, String label) {
      this.yamlKey = yamlKey;
      this.label = label;
    }

    /** The key under {@code requirements:} in YAML, e.g. {@code attribute_checks}. */
    public String yamlKey() {
      return yamlKey;
    }

    /** A short label for messages, e.g. {@code attribute check}. */
    public String label() {
      return label;
    }
  }

  /** Which kind of requirement this is. */
  Kind kind();

  /**
   * One line for listings, e.g. {@code tags HAS blog_post_ideas} or {@code stage research done}.
   */
  String summary();

  /**
   * {@code extras}: every listed extra must be installed.
   *
   * @param names the extras' names, in order; may be empty (then always met)
   */
  record Extras(List<String> names) implements Requirement {

    /** Validates and copies the names. */
    public Extras {
      names = nonBlankList(names, "names");
    }

    @Override
    public Kind kind() {
      return Kind.EXTRAS;
    }

    @Override
    public String summary() {
      return "extras " + String.join(", ", names);
    }
  }

  /**
   * {@code file_presence}: the number of the document's attached files with this key, compared with
   * {@code count} by {@code operator}.
   *
   * @param key the file reference key, e.g. {@code upload_file}
   * @param count the count to compare with; YAML default 1; 0 or more
   * @param operator the comparison; YAML default {@link CountOperator#GE}
   */
  record FilePresence(String key, int count, CountOperator operator) implements Requirement {

    /** Validates the fields. */
    public FilePresence {
      key = nonBlank(key, "key");
      Objects.requireNonNull(operator, "operator");
      if (count < 0) {
        throw new IllegalArgumentException("count must be 0 or more, not " + count);
      }
    }

    /** At least one file with this key ({@code >= 1}, the YAML defaults). */
    public static FilePresence atLeastOne(String key) {
      return new FilePresence(key, 1, CountOperator.GE);
    }

    @Override
    public Kind kind() {
      return Kind.FILE_PRESENCE;
    }

    @Override
    public String summary() {
      return "file " + key + " " + operator.symbol() + " " + count;
    }
  }

  /**
   * {@code stages}: for every entry, the document must have at least one instance of that stage
   * with exactly that status.
   *
   * @param statuses stage name to required status, in YAML order; may be empty (then always met)
   */
  record Stages(Map<String, StageStatus> statuses) implements Requirement {

    /** Validates and copies the entries, keeping their order. */
    public Stages {
      Objects.requireNonNull(statuses, "statuses");
      Map<String, StageStatus> copy = new LinkedHashMap<>();
      statuses.forEach(
          (name, status) ->
              copy.put(
                  nonBlank(name, "statuses key"),
                  Objects.requireNonNull(status, "statuses[" + name + "]")));
      statuses = Collections.unmodifiableMap(copy);
    }

    @Override
    public Kind kind() {
      return Kind.STAGES;
    }

    @Override
    public String summary() {
      List<String> parts = new ArrayList<>();
      statuses.forEach((name, status) -> parts.add(entrySummary(name, status)));
      return String.join("; ", parts);
    }

    /** One entry as {@link #summary()} writes it: {@code stage <name> <status>}. */
    public static String entrySummary(String name, StageStatus status) {
      return "stage " + name + " " + status.fileName();
    }
  }

  /**
   * {@code attribute_checks} entry: a document attribute compared with a value.
   *
   * @param attribute a frontmatter key or dot path into nested maps ({@code meta.owner}), or one of
   *     the document's own fields {@code id}, {@code status}, {@code body}
   * @param operator the comparison
   * @param value what to compare with: null, a string, number, boolean, list or map (normalised as
   *     document properties are: integers as {@code Integer}/{@code Long}/{@code BigInteger}, other
   *     numbers as {@code Double}, immutable lists and maps)
   * @param caseSensitive whether strings compare as written; YAML default true
   */
  record AttributeCheck(
      String attribute, AttributeOperator operator, Object value, boolean caseSensitive)
      implements Requirement {

    /** Validates the fields and normalises the value. */
    public AttributeCheck {
      attribute = nonBlank(attribute, "attribute");
      Objects.requireNonNull(operator, "operator");
      value = Values.normalize(value, "value");
    }

    /** A case-sensitive check (the YAML default). */
    public AttributeCheck(String attribute, AttributeOperator operator, Object value) {
      this(attribute, operator, value, true);
    }

    @Override
    public Kind kind() {
      return Kind.ATTRIBUTE_CHECK;
    }

    @Override
    public String summary() {
      return Summaries.check(attribute, operator, value, caseSensitive);
    }
  }

  /**
   * {@code list_checks} entry: a list attribute has, or does not have, a value.
   *
   * @param attribute a frontmatter key or dot path into nested maps
   * @param operator {@code HAS} or {@code NOT_HAS} (or an alias)
   * @param value the element to look for (normalised as in {@link AttributeCheck})
   * @param caseSensitive whether strings compare as written; YAML default true
   */
  record ListCheck(String attribute, ListOperator operator, Object value, boolean caseSensitive)
      implements Requirement {

    /** Validates the fields and normalises the value. */
    public ListCheck {
      attribute = nonBlank(attribute, "attribute");
      Objects.requireNonNull(operator, "operator");
      value = Values.normalize(value, "value");
    }

    /** A case-sensitive check (the YAML default). */
    public ListCheck(String attribute, ListOperator operator, Object value) {
      this(attribute, operator, value, true);
    }

    @Override
    public Kind kind() {
      return Kind.LIST_CHECK;
    }

    @Override
    public String summary() {
      return Summaries.check(attribute, operator, value, caseSensitive);
    }
  }

  /**
   * {@code tasks}: names of tasks the stage needs besides those of its workflows (written as
   * strings or {@code {name: x}}). Never fails a requirement check.
   *
   * @param names the task names, in order
   */
  record Tasks(List<String> names) implements Requirement {

    /** Validates and copies the names. */
    public Tasks {
      names = nonBlankList(names, "names");
    }

    @Override
    public Kind kind() {
      return Kind.TASKS;
    }

    @Override
    public String summary() {
      return "tasks " + String.join(", ", names);
    }
  }

  private static String nonBlank(String s, String field) {
    Objects.requireNonNull(s, field);
    if (s.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return s;
  }

  private static List<String> nonBlankList(List<String> list, String field) {
    Objects.requireNonNull(list, field);
    List<String> copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      copy.add(nonBlank(list.get(i), field + "[" + i + "]"));
    }
    return List.copyOf(copy);
  }
}
