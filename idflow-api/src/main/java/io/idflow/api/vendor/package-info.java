/**
 * Vendors: packages of tasks, workflows and stages shared between projects, declared in {@code
 * config/vendors.d/*.toml} and materialised under {@code .idflow/vendors/} by {@code idflow vendor
 * fetch}. Start at {@link io.idflow.api.vendor.Vendors}.
 */
package io.idflow.api.vendor;
