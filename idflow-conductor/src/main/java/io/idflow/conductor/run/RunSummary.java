package io.idflow.conductor.run;

import java.time.Instant;

/**
 * One run as search finds it: no tasks.
 *
 * @param id the run's id
 * @param name the workflow's name
 * @param version the workflow's version
 * @param status the run's status
 * @param correlationId its correlation id, or null
 * @param started when it started, or null
 * @param ended when it ended, or null
 * @param reason why it failed or was terminated, or null
 */
public record RunSummary(
    String id,
    String name,
    int version,
    RunStatus status,
    String correlationId,
    Instant started,
    Instant ended,
    String reason) {}
