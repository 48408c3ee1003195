/** The {@code idflow stage} commands, on the stage engine of idflow-stage. */
package io.idflow.cli.stage;
