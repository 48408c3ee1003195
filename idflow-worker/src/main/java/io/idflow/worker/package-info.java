/** The task-worker runner: discovery, polling, drain, health and metrics. */
package io.idflow.worker;
