package io.idflow.stage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * How requirement checks compare a document value with a check value. Values are what documents and
 * stage files hold: null, {@code String}, {@code Boolean}, {@code Integer}/{@code Long}/{@code
 * BigInteger}/{@code Double}, lists and maps. Nothing here throws: values that cannot be compared
 * give null, and the check is then not met.
 *
 * <ul>
 *   <li>Two numbers compare numerically ({@code 3} equals {@code 3.0}).
 *   <li>A number and a string compare numerically when the string, blanks stripped, is a decimal
 *       number ({@code "0.8"}, {@code "1e3"}); otherwise they cannot be compared.
 *   <li>Two strings are equal when their text is; they are ordered numerically when both are
 *       numbers ({@code "10" > "9"}), by text otherwise. So {@code "3.0"} and {@code "3"} are not
 *       equal, though neither is greater.
 *   <li>Two booleans compare by value ({@code false < true}); a boolean and the string {@code
 *       "true"} or {@code "false"} (any case) compare as two booleans ({@code --set done=true}
 *       stores a string). A boolean cannot be compared with a number or other text.
 *   <li>Anything else (lists, maps, null) is only equal or unequal ({@link Objects#equals}) and has
 *       no order.
 * </ul>
 */
final class Comparison {

  private Comparison() {}

  /** Whether two values are equal; null when they cannot be compared. */
  static Boolean equal(Object a, Object b) {
    if (a instanceof String s && b instanceof String t) {
      return s.equals(t);
    }
    Integer order = scalarOrder(a, b, false);
    if (order != null) {
      return order == 0;
    }
    if (incomparable(a, b)) {
      return null;
    }
    return Objects.equals(a, b);
  }

  /** The sign of {@code a - b}; null when the values have no order. */
  static Integer order(Object a, Object b) {
    return scalarOrder(a, b, true);
  }

  private static Integer scalarOrder(Object a, Object b, boolean textOrder) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    boolean numbersInvolved = a instanceof Number || b instanceof Number;
    if (x != null && y != null && (numbersInvolved || textOrder)) {
      return Integer.signum(x.compareTo(y));
    }
    if (a instanceof String s && b instanceof String t && textOrder) {
      return Integer.signum(s.compareTo(t));
    }
    Boolean p = bool(a);
    Boolean q = bool(b);
    if (p != null && q != null && (a instanceof Boolean || b instanceof Boolean)) {
      return Integer.signum(Boolean.compare(p, q));
    }
    return null;
  }

  /** Scalars of kinds that neither convert into each other nor are plainly different. */
  private static boolean incomparable(Object a, Object b) {
    return (isScalar(a) && isScalar(b)) && a.getClass() != b.getClass() && !bothNumbers(a, b);
  }

  private static boolean isScalar(Object o) {
    return o instanceof String || o instanceof Number || o instanceof Boolean;
  }

  private static boolean bothNumbers(Object a, Object b) {
    return a instanceof Number && b instanceof Number;
  }

  /** The value as a number: a number, or a string holding a decimal number; else null. */
  static BigDecimal number(Object o) {
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      return BigDecimal.valueOf(((Number) o).longValue());
    }
    if (o instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    if (o instanceof String s) {
      return parse(s.strip());
    }
    return null;
  }

  private static BigDecimal parse(String s) {
    // BigDecimal also reads forms that are not decimal numbers to a user; refuse those first.
    if (s.isEmpty() || s.length() > 100) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Boolean bool(Object o) {
    if (o instanceof Boolean b) {
      return b;
    }
    if (o instanceof String s) {
      String t = s.strip().toLowerCase(Locale.ROOT);
      if (t.equals("true")) {
        return true;
      }
      if (t.equals("false")) {
        return false;
      }
    }
    return null;
  }
}
