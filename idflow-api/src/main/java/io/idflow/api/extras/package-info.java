/**
 * Extras: named groups of Maven artifacts declared in {@code config/extras.d/*.toml}, which stage
 * requirements check. Start at {@link io.idflow.api.extras.ExtrasCatalog}.
 */
package io.idflow.api.extras;
