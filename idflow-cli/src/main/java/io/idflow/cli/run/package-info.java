/**
 * The commands on runs of workflows ({@code idflow workflow start|show|runs|terminate|pause|resume
 * |retry|restart|rerun|signal}), on top of {@link io.idflow.conductor.run.Runs}.
 */
package io.idflow.cli.run;
