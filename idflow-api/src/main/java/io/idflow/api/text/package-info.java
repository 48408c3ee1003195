/**
 * Text matching that more than one module needs: shell-style wildcard patterns ({@link
 * io.idflow.api.text.Glob}).
 */
package io.idflow.api.text;
