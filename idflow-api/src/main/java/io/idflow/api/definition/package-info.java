/**
 * Local definitions: the workflows and event handlers of {@code workflows/<dir>/} over all bases,
 * their validation, and the problems found in them.
 *
 * <p>Start at {@link io.idflow.api.definition.WorkflowCatalog}.
 */
package io.idflow.api.definition;
