/**
 * Resource resolution: the project's {@code workflows/}, {@code tasks/} and {@code stages/} over
 * the core library shipped in the jars (and, later, vendors), with origin classification.
 *
 * <p>Start at {@link io.idflow.api.resource.ResourceResolver}.
 */
package io.idflow.api.resource;
