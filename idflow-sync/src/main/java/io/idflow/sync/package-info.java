/**
 * Definition sync: local workflow JSON, event handlers and task definitions listed against
 * Conductor, planned and applied.
 */
package io.idflow.sync;
