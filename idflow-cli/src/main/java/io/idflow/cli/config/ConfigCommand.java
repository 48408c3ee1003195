package io.idflow.cli.config;

import picocli.CommandLine.Command;

/** {@code idflow config}: the effective configuration. */
@Command(
    name = "config",
    description = "Show the effective configuration.",
    subcommands = {ConfigShow.class})
public class ConfigCommand {}
