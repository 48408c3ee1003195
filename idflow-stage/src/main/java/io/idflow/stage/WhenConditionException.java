package io.idflow.stage;

import io.idflow.api.InvalidContentException;
import java.util.Objects;

/**
 * A workflow's {@code when} could not be decided: the expression is not valid JavaScript, it threw,
 * or it hit a limit of the sandbox. The stage engine fails the stage run with {@link
 * #getMessage()}, one line such as {@code when of workflow 'publish': SyntaxError: when:1:9
 * Expected ...} or {@code when of workflow 'publish': timed out after 5000 ms}. Exit code 5
 * (invalid definitions or documents) where a command ends with it.
 */
public class WhenConditionException extends InvalidContentException {

  /** Why a condition could not be decided. */
  public enum Reason {
    /** The expression is not valid JavaScript. */
    SYNTAX_ERROR,
    /**
     * The expression threw: a {@code TypeError} such as reading a property of {@code undefined}, a
     * {@code ReferenceError}, a value it threw itself, or {@code RangeError: Maximum call stack
     * size exceeded} for runaway recursion.
     */
    SCRIPT_ERROR,
    /** It ran longer than the evaluator's time limit. */
    TIME_LIMIT,
    /** It executed more statements than the evaluator's statement limit. */
    STATEMENT_LIMIT,
    /**
     * It allocated more memory than the evaluator allows, made a string or an {@code ArrayBuffer}
     * larger than the size limits, or ran the JVM out of memory. (A typed array over the size limit
     * is a {@code RangeError}, reported as {@link #SCRIPT_ERROR}.)
     */
    MEMORY_LIMIT,
    /** The document cannot be handed to the expression (it cannot be written as JSON). */
    INVALID_DOCUMENT;

    /** Whether this is one of the sandbox's limits (time, statements, memory). */
    public boolean isLimit() {
      return this == TIME_LIMIT || this == STATEMENT_LIMIT || this == MEMORY_LIMIT;
    }
  }

  private final String workflow;
  private final String expression;
  private final Reason reason;

  /**
   * Creates the exception; the message is {@code when of workflow '<workflow>': <detail>}.
   *
   * @param workflow the name of the workflow whose condition this is
   * @param expression the expression
   * @param reason why it could not be decided
   * @param detail what went wrong, one line
   * @param cause the underlying failure, or null
   */
  public WhenConditionException(
      String workflow, String expression, Reason reason, String detail, Throwable cause) {
    super("when of workflow '" + workflow + "': " + detail, cause);
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.expression = Objects.requireNonNull(expression, "expression");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The name of the workflow whose condition failed. */
  public String workflow() {
    return workflow;
  }

  /** The expression that failed. */
  public String expression() {
    return expression;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
