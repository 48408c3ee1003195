package io.idflow.stage;

import io.idflow.api.document.StageStatus;

/**
 * A stage instance's status changed with its document's life cycle.
 *
 * @param stage the stage's name
 * @param counter the instance's counter
 * @param instanceId the instance's id
 * @param from the status before
 * @param to the status after
 */
public record StageChange(
    String stage, int counter, String instanceId, StageStatus from, StageStatus to) {}
