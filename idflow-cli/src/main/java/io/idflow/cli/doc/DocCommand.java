package io.idflow.cli.doc;

import picocli.CommandLine.Command;

/** {@code idflow doc}: the documents. */
@Command(
    name = "doc",
    description = "Add, list, show, change and delete documents (Markdown with YAML frontmatter).",
    subcommands = {
      DocAdd.class,
      DocList.class,
      DocShow.class,
      DocModify.class,
      DocSetStatus.class,
      DocDrop.class,
      DocDropAll.class,
      DocLocate.class
    })
public class DocCommand {}
