package io.idflow.conductor.run;

import java.time.Instant;

/**
 * What {@link Runs#search} looks for; every criterion that is set must hold. Results come newest
 * first.
 *
 * @param name the workflow's name (a {@code *} matches any text), or null for any
 * @param status the run's status, or null for any
 * @param correlationId the correlation id (a {@code *} matches any text), or null for any
 * @param since only runs started at or after this instant, or null
 * @param limit at most this many runs (1 to 1000; default 20)
 */
public record RunQuery(
    String name, RunStatus status, String correlationId, Instant since, int limit) {

  /** The default number of results. */
  public static final int DEFAULT_LIMIT = 20;

  /** Validates the fields. */
  public RunQuery {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit: must be 1 to 1000, was " + limit);
    }
    for (String v : new String[] {name, correlationId}) {
      if (v != null && (v.contains(" AND ") || v.contains("(") || v.contains(")"))) {
        throw new IllegalArgumentException(
            "a search value must not hold ' AND ' or brackets: " + v);
      }
    }
  }

  /** Every run, newest first, at most {@link #DEFAULT_LIMIT}. */
  public static RunQuery all() {
    return new RunQuery(null, null, null, null, DEFAULT_LIMIT);
  }

  /** The same query for runs of this workflow. */
  public RunQuery withName(String name) {
    return new RunQuery(name, status, correlationId, since, limit);
  }

  /** The same query for runs in this status. */
  public RunQuery withStatus(RunStatus status) {
    return new RunQuery(name, status, correlationId, since, limit);
  }

  /** The same query for runs with this correlation id ({@code *} matches any text). */
  public RunQuery withCorrelationId(String correlationId) {
    return new RunQuery(name, status, correlationId, since, limit);
  }

  /** The same query for runs started at or after this instant. */
  public RunQuery withSince(Instant since) {
    return new RunQuery(name, status, correlationId, since, limit);
  }

  /** The same query with another limit. */
  public RunQuery withLimit(int limit) {
    return new RunQuery(name, status, correlationId, since, limit);
  }

  /** The query in Conductor's search syntax, or {@code *}. */
  String conductorQuery() {
    StringBuilder q = new StringBuilder();
    if (name != null) {
      and(q, "workflowType=" + name);
    }
    if (status != null) {
      and(q, "status=" + status.name());
    }
    if (correlationId != null) {
      and(q, "correlationId=" + correlationId);
    }
    if (since != null) {
      // Conductor's query has only '>': one millisecond earlier makes it 'at or after'.
      and(q, "startTime>" + (since.toEpochMilli() - 1));
    }
    return q.length() == 0 ? "" : q.toString();
  }

  private static void and(StringBuilder q, String clause) {
    if (q.length() > 0) {
      q.append(" AND ");
    }
    q.append(clause);
  }
}
