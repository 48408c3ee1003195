package io.idflow.api.document;

import io.idflow.api.text.Glob;
import io.idflow.api.value.internal.Values;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One condition of a listing, written {@code PROPERTY=EXPR} as on the command line ({@code doc list
 * --filter}). Several filters are AND-combined.
 *
 * <p>{@code EXPR} is one of:
 *
 * <ul>
 *   <li>{@code exists}: the property is present and not empty (not null, {@code false}, an empty
 *       string, list or map);
 *   <li>{@code ==N}, {@code !=N}, {@code >N}, {@code <N}, {@code >=N}, {@code <=N}: a numeric
 *       comparison; the property's value is a number or a string holding one ({@code --set
 *       priority=0.8} stores the string {@code "0.8"}), anything else never matches;
 *   <li>anything else: a shell wildcard pattern ({@code *}, {@code ?}, {@code [seq]}, {@code
 *       [!seq]}) that the whole value, as text, must match; case-sensitive.
 * </ul>
 *
 * <p>{@code EXPR} may be wrapped in single or double quotes, which are removed. {@code PROPERTY} is
 * a top-level key or a dot path into nested maps ({@code meta.owner}); a property that is missing
 * never matches. When the value is a list, the filter matches when any element matches ({@code
 * tags=llm}). These properties are special: {@code id}, {@code status} and {@code body} (the
 * document's own fields), {@code doc-ref=KEY} and {@code file-ref=KEY} (the document has a
 * reference or an attached file whose key matches; {@code doc_ref} and {@code file_ref} work too).
 *
 * <p>Immutable and thread-safe.
 */
public final class DocumentFilter implements Predicate<Document> {

  private enum Op {
    EQ("=="),
    NE("!="),
    GE(">="),
    LE("<="),
    GT(">"),
    LT("<");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    boolean test(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case GE -> cmp >= 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case LT -> cmp < 0;
      };
    }
  }

  private enum Target {
    PROPERTY,
    ID,
    STATUS,
    BODY,
    DOC_REF,
    FILE_REF
  }

  private final String property;
  private final String expression;
  private final Target target;
  private final boolean exists;
  private final Op op;
  private final double number;
  private final Glob glob;

  private DocumentFilter(String property, String expression) {
    this.property = property;
    this.expression = expression;
    this.target =
        switch (property) {
          case "id" -> Target.ID;
          case "status" -> Target.STATUS;
          case "body" -> Target.BODY;
          case "doc-ref", "doc_ref" -> Target.DOC_REF;
          case "file-ref", "file_ref" -> Target.FILE_REF;
          default -> Target.PROPERTY;
        };
    if (target == Target.PROPERTY) {
      for (String part : property.split("\\.", -1)) {
        if (part.isEmpty()) {
          throw new IllegalArgumentException(
              "invalid filter property '"
                  + io.idflow.api.text.Printable.escape(property)
                  + "': a dot path has no empty parts");
        }
      }
    }
    if (target == Target.STATUS
        && !expression.equals("exists")
        && expression.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
      DocumentStatus.of(expression); // a plain status that does not exist would match nothing
    }
    boolean refs = target == Target.DOC_REF || target == Target.FILE_REF;
    this.exists = !refs && expression.equals("exists");
    Op found = null;
    if (!exists && !refs) {
      for (Op o : Op.values()) {
        if (expression.startsWith(o.symbol)) {
          found = o;
          break;
        }
      }
    }
    this.op = found;
    if (found != null) {
      String n = expression.substring(found.symbol.length()).strip();
      if (!isNumber(n)) {
        throw new IllegalArgumentException(
            "invalid filter " + this + ": '" + n + "' is not a number");
      }
      this.number = Double.parseDouble(n);
      this.glob = null;
    } else {
      this.number = 0;
      this.glob = exists ? null : Glob.of(expression);
    }
  }

  /**
   * Parses {@code PROPERTY=EXPR}.
   *
   * @throws IllegalArgumentException when there is no {@code =}, the property is empty, or a
   *     comparison's operand is not a number
   */
  public static DocumentFilter parse(String filter) {
    Objects.requireNonNull(filter, "filter");
    int eq = filter.indexOf('=');
    if (eq <= 0 || filter.substring(0, eq).isBlank()) {
      throw new IllegalArgumentException("a filter is PROPERTY=EXPR, not: " + filter);
    }
    return of(filter.substring(0, eq), filter.substring(eq + 1));
  }

  /**
   * A filter on a property.
   *
   * @throws IllegalArgumentException when the property is empty or a comparison's operand is not a
   *     number
   */
  public static DocumentFilter of(String property, String expression) {
    String p = Objects.requireNonNull(property, "property").strip();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("a filter needs a property name");
    }
    return new DocumentFilter(p, unquote(Objects.requireNonNull(expression, "expression").strip()));
  }

  /** Parses several filters. */
  public static List<DocumentFilter> parseAll(List<String> filters) {
    return filters.stream().map(DocumentFilter::parse).toList();
  }

  /** The property (or special name) the filter looks at. */
  public String property() {
    return property;
  }

  /** The expression, without surrounding quotes. */
  public String expression() {
    return expression;
  }

  @Override
  public boolean test(Document doc) {
    return switch (target) {
      case ID -> matches(doc.id());
      case STATUS -> matches(doc.status().folderName());
      case BODY -> matches(doc.body());
      case DOC_REF -> doc.docRefs().stream().anyMatch(r -> glob.matches(r.key()));
      case FILE_REF -> doc.fileRefs().stream().anyMatch(r -> glob.matches(r.key()));
      case PROPERTY -> matches(doc.get(property));
    };
  }

  private boolean matches(Object value) {
    if (value == null) {
      return false;
    }
    if (exists) {
      return Values.isPresent(value);
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && !(o instanceof List) && matchesScalar(o)) {
          return true;
        }
      }
      return false;
    }
    return matchesScalar(value);
  }

  private boolean matchesScalar(Object value) {
    if (value instanceof java.util.Map) {
      return false;
    }
    if (op != null) {
      Double d = toNumber(value);
      return d != null && op.test(Double.compare(d, number) == 0 ? 0 : (d < number ? -1 : 1));
    }
    return glob.matches(text(value));
  }

  private static Double toNumber(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      String t = s.strip();
      if (isNumber(t)) {
        return Double.parseDouble(t);
      }
    }
    return null;
  }

  /** {@code [-+]?(digits[.digits?]|.digits)([eE][-+]?digits)?}, checked by hand (per value). */
  static boolean isNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exp = i;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == exp) {
        return false;
      }
    }
    return i == n;
  }

  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.valueOf(value);
  }

  private static String unquote(String s) {
    if (s.length() >= 2) {
      char first = s.charAt(0);
      if ((first == '"' || first == '\'') && s.charAt(s.length() - 1) == first) {
        return s.substring(1, s.length() - 1);
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return property + "=" + expression;
  }
}
