package io.idflow.cli.extras;

import io.idflow.api.config.IdflowConfig;
import io.idflow.api.extras.Extra;
import io.idflow.api.extras.ExtrasCatalog;
import io.idflow.api.resource.ResourceResolver;
import io.idflow.api.stage.StageCatalog;
import io.idflow.api.stage.StageDefinition;
import io.idflow.conductor.maven.MavenArtifacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The extras of a project: declared, installed, required by active stages, missing, extraneous. */
final class ExtrasState {

  final ExtrasCatalog catalog;
  final MavenArtifacts maven;

  /** Required extra name to the active stages that require it. */
  final Map<String, List<String>> required = new TreeMap<>();

  ExtrasState(IdflowConfig config) {
    ResourceResolver resolver = ResourceResolver.forConfig(config);
    this.catalog = ExtrasCatalog.load(resolver);
    this.maven = new MavenArtifacts(config.env());
    for (StageDefinition s : StageCatalog.load(resolver).active()) {
      for (String e : s.requirements().extras()) {
        required.computeIfAbsent(e, k -> new ArrayList<>()).add(s.name());
      }
    }
  }

  boolean installed(String name) {
    return catalog.installed(name, maven::path);
  }

  List<String> installed() {
    return catalog.extras().stream().map(Extra::name).filter(this::installed).toList();
  }

  /** Required by an active stage and not installed (unknown extras included). */
  List<String> missing() {
    return required.keySet().stream().filter(n -> !installed(n)).toList();
  }

  /** Installed and required by no active stage. */
  List<String> extraneous() {
    return installed().stream().filter(n -> !required.containsKey(n)).toList();
  }

  /** The artifacts of these extras that are not in the local repository. */
  List<String> absentArtifacts(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      for (String a : catalog.artifacts(n)) {
        if (!java.nio.file.Files.isRegularFile(maven.path(a))) {
          out.add(a);
        }
      }
    }
    return List.copyOf(out);
  }
}
