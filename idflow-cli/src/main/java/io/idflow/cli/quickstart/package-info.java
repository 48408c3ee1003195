/** {@code idflow quickstart}: the whole pipeline on sample documents, in one command. */
package io.idflow.cli.quickstart;
