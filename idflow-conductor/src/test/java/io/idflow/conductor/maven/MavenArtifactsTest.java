package io.idflow.conductor.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.IdflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenArtifactsTest {

  @TempDir Path home;

  @Test
  void pathsFollowTheRepositoryLayoutWithClassifier() {
    MavenArtifacts m = new MavenArtifacts(Map.of("HOME", home.toString()), null);
    assertThat(m.path("org.conductoross:conductor-server:3.32.3:jar:boot"))
        .isEqualTo(
            home.resolve(
                ".m2/repository/org/conductoross/conductor-server/3.32.3/conductor-server-3.32.3-boot.jar"));
    assertThat(m.path("dev.jbang:jbang-cli:0.132.1")).hasFileName("jbang-cli-0.132.1.jar");
  }

  @Test
  void settingsXmlMayMoveTheLocalRepository() throws IOException {
    Files.createDirectories(home.resolve(".m2"));
    Files.writeString(
        home.resolve(".m2/settings.xml"),
        "<settings><localRepository>${user.home}/repo</localRepository></settings>");
    assertThat(new MavenArtifacts(Map.of("HOME", home.toString()), null).localRepository())
        .isEqualTo(home.resolve("repo"));
  }

  @Test
  void theEnvironmentOfIdflowsScriptsMayMoveTheLocalRepository() {
    MavenArtifacts m =
        new MavenArtifacts(
            Map.of("HOME", home.toString(), "MAVEN_REPO_LOCAL", home.resolve("r").toString()),
            null);
    assertThat(m.localRepository()).isEqualTo(home.resolve("r"));
    assertThat(new MavenArtifacts(Map.of("HOME", home.toString()), "/elsewhere").localRepository())
        .isEqualTo(Path.of("/elsewhere"));
  }

  @Test
  void anArtifactAlreadyPresentIsNotDownloaded() throws IOException {
    MavenArtifacts m = new MavenArtifacts(Map.of("HOME", home.toString(), "PATH", ""), null);
    Path jar = m.path("g.h:a:1:jar:boot");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "x");
    assertThat(m.resolve("g.h:a:1:jar:boot", line -> {})).isEqualTo(jar);
  }

  @Test
  void aMissingArtifactWithoutMavenIsAClearConfigurationError() {
    MavenArtifacts m = new MavenArtifacts(Map.of("HOME", home.toString(), "PATH", ""), null);
    assertThatThrownBy(() -> m.resolve("g.h:a:1:jar:boot", line -> {}))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("Maven (mvn) is needed")
        .hasMessageContaining("g.h:a:1:jar:boot");
  }
}
