/**
 * Internal, not part of idflow's API: the rules for the names and values a document holds, shared
 * by the document model ({@code io.idflow.api.document}) and its store ({@code
 * io.idflow.api.document.internal}). Depends on neither, so the two stay free of cycles.
 */
package io.idflow.api.value.internal;
