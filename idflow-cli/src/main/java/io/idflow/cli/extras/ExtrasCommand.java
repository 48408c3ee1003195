package io.idflow.cli.extras;

import picocli.CommandLine.Command;

/** {@code idflow extras}: optional groups of Maven artifacts that stages can require. */
@Command(
    name = "extras",
    description =
        "Extras: named groups of Maven artifacts declared in config/extras.d/*.toml (of the project"
            + " and its vendors); installed when all their artifacts are in the local Maven"
            + " repository.",
    subcommands = {ExtrasList.class, ExtrasInstall.class, ExtrasPurge.class, ExtrasSync.class})
public class ExtrasCommand {}
