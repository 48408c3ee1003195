package io.idflow.stage;

/**
 * A stage workflow's {@code when}: a JavaScript expression over {@code doc} that decides whether
 * the workflow is started for a document, for example {@code doc.tags &&
 * doc.tags.includes('blog')}, {@code doc.priority > 3} or {@code doc.meta.owner === 'alice'}.
 *
 * <p>{@code doc} holds the document's frontmatter properties plus {@code id}, {@code status} (the
 * lower-case name, e.g. {@code inbox}) and {@code body}. The expression is evaluated by a {@link
 * WhenEvaluator}, which says how (a sandbox, limits) and what the result means (JavaScript
 * truthiness).
 *
 * <p>A missing, empty or blank expression, and the literal {@code true}, mean "always": such a
 * condition is never handed to the JavaScript engine.
 *
 * @param expression the expression, stripped of surrounding white space; empty for "always"
 */
public record WhenCondition(String expression) {

  /** The condition that always holds: what a workflow without {@code when} has. */
  public static final WhenCondition ALWAYS = new WhenCondition("");

  /** Normalises a null expression to the empty one and strips white space. */
  public WhenCondition {
    expression = expression == null ? "" : expression.strip();
  }

  /**
   * The condition for a {@code when} value as written in a stage definition.
   *
   * @param expression the JavaScript expression; null or blank for "always"
   */
  public static WhenCondition of(String expression) {
    WhenCondition condition = new WhenCondition(expression);
    return condition.isAlways() ? ALWAYS : condition;
  }

  /** Whether this condition holds for every document without evaluating anything. */
  public boolean isAlways() {
    return expression.isEmpty() || expression.equals("true");
  }

  /** The expression, or {@code true} for the condition that always holds. */
  @Override
  public String toString() {
    return isAlways() ? "true" : expression;
  }
}
