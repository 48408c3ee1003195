/**
 * Task definitions and task discovery: the {@link io.idflow.conductor.task.TaskDefinition}
 * annotation that sits beside Conductor's {@code @WorkerTask}, its conversion to Conductor's {@code
 * TaskDef} ({@link io.idflow.conductor.task.TaskDefinitions}), and {@link
 * io.idflow.conductor.task.TaskDiscovery}, which finds annotated methods on the class path and in
 * the {@code tasks/<name>/*.java} JBang scripts of every base.
 */
package io.idflow.conductor.task;
