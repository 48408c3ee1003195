package io.idflow.stage;

import io.idflow.api.stage.AttributeOperator;
import io.idflow.api.stage.Requirement;
import io.idflow.api.text.Glob;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The operators of attribute and list checks. Each method returns null when the check is met, or
 * why it is not (a few words, without the check itself). Nothing throws.
 */
final class AttributeMatcher {

  private static final int SHOWN = 60;

  private AttributeMatcher() {}

  /**
   * An attribute check against the document's value.
   *
   * @param actual the document's value; null when absent
   */
  static String attribute(Requirement.AttributeCheck check, Object actual) {
    AttributeOperator op = check.operator();
    Object expected = check.value();
    boolean regex = op == AttributeOperator.REGEX || op == AttributeOperator.NOT_REGEX;
    if (!check.caseSensitive()) {
      actual = lower(actual);
      // A lower-cased pattern would change its meaning (\D is not \d): the flag does the job.
      expected = regex ? expected : lower(expected);
    }
    String name = check.attribute();
    return switch (op) {
      case IS -> Objects.equals(actual, expected) ? null : notMet(name, actual);
      case IS_NOT -> Objects.equals(actual, expected) ? notMet(name, actual) : null;
      case CP, NP -> glob(op == AttributeOperator.CP, name, actual, expected);
      case REGEX, NOT_REGEX ->
          regex(op == AttributeOperator.REGEX, name, actual, expected, check.caseSensitive());
      case EQ, NE, GT, LT, GTE, LTE -> compare(op, name, actual, expected);
    };
  }

  private static String compare(AttributeOperator op, String name, Object actual, Object expected) {
    if (actual == null) {
      return missing(name);
    }
    boolean met;
    if (op == AttributeOperator.EQ || op == AttributeOperator.NE) {
      Boolean equal = Comparison.equal(actual, expected);
      if (equal == null) {
        return cannotCompare(actual, expected);
      }
      met = equal == (op == AttributeOperator.EQ);
    } else {
      Integer order = Comparison.order(actual, expected);
      if (order == null) {
        return cannotCompare(actual, expected);
      }
      met =
          switch (op) {
            case GT -> order > 0;
            case LT -> order < 0;
            case GTE -> order >= 0;
            default -> order <= 0;
          };
    }
    return met ? null : notMet(name, actual);
  }

  private static String glob(boolean wanted, String name, Object actual, Object pattern) {
    if (!(actual instanceof String text && pattern instanceof String p)) {
      return wanted ? notText(name, actual, pattern) : null;
    }
    boolean matches = Glob.of(p).matches(text);
    return matches == wanted ? null : notMet(name, actual);
  }

  private static String regex(
      boolean wanted, String name, Object actual, Object pattern, boolean caseSensitive) {
    if (!(actual instanceof String text && pattern instanceof String p)) {
      return wanted ? notText(name, actual, pattern) : null;
    }
    boolean found;
    try {
      int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
      found = Pattern.compile(p, flags).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return wanted ? "invalid regular expression: " + e.getDescription() : null;
    }
    return found == wanted ? null : notMet(name, actual);
  }

  /**
   * A list check against the document's value.
   *
   * @param actual the document's value; null when absent
   */
  static String list(Requirement.ListCheck check, Object actual) {
    String name = check.attribute();
    if (actual == null) {
      return missing(name);
    }
    if (!(actual instanceof List<?> items)) {
      return name + " is not a list (" + show(actual) + ")";
    }
    Object expected = check.caseSensitive() ? check.value() : lower(check.value());
    boolean found = false;
    for (Object item : items) {
      Object i = check.caseSensitive() ? item : lower(item);
      if (Boolean.TRUE.equals(Comparison.equal(i, expected))) {
        found = true;
        break;
      }
    }
    return found != check.operator().negated() ? null : notMet(name, actual);
  }

  private static Object lower(Object value) {
    return value instanceof String s ? s.toLowerCase(Locale.ROOT) : value;
  }

  private static String missing(String name) {
    return name + " is missing";
  }

  private static String notMet(String name, Object actual) {
    return "not met ("
        + (actual == null ? name + " is missing" : name + " is " + show(actual))
        + ")";
  }

  private static String notText(String name, Object actual, Object pattern) {
    if (actual == null) {
      return missing(name);
    }
    if (!(actual instanceof String)) {
      return name + " is not text (" + show(actual) + ")";
    }
    return "the pattern is not text (" + show(pattern) + ")";
  }

  private static String cannotCompare(Object actual, Object expected) {
    return show(actual) + " and " + show(expected) + " cannot be compared";
  }

  /** A value for a message: strings in quotes, long ones cut. */
  static String show(Object value) {
    String s = value instanceof String t ? "'" + t + "'" : String.valueOf(value);
    s = s.replace('\n', ' ');
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN - 3) + "...";
  }
}
