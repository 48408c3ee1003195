/** {@code idflow completion}: shell completion scripts from picocli's generator. */
package io.idflow.cli.completion;
