/**
 * The {@code idflow worker} commands: list and start workers, and find, pause, resume and stop the
 * running runners through their pid files.
 */
package io.idflow.cli.worker;
