package io.idflow.conductor.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerJarsTest {

  @TempDir Path dir;

  private static final String WORKER_POM =
      """
      <project><artifactId>acme-workers</artifactId>
        <dependencies>
          <dependency><groupId>org.conductoross</groupId><artifactId>java-sdk</artifactId></dependency>
        </dependencies>
      </project>
      """;

  private static final String LIBRARY_POM =
      """
      <project><artifactId>java-sdk</artifactId>
        <dependencies>
          <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency>
        </dependencies>
      </project>
      """;

  @Test
  void directoriesAreAlwaysScanned() {
    assertThat(WorkerJars.mayHoldWorkers(dir.toString())).isTrue();
  }

  @Test
  void aJarIsScannedWhenItsEmbeddedPomDependsOnTheSdk() throws IOException {
    Path workers = jar("workers.jar", Map.of("META-INF/maven/acme/workers/pom.xml", WORKER_POM));
    Path library = jar("library.jar", Map.of("META-INF/maven/x/java-sdk/pom.xml", LIBRARY_POM));

    assertThat(WorkerJars.mayHoldWorkers(workers.toString())).isTrue();
    // Its own artifactId is java-sdk, but it does not depend on it.
    assertThat(WorkerJars.mayHoldWorkers(library.toString())).isFalse();
  }

  @Test
  void aJarWithoutEmbeddedPomIsJudgedByThePomBesideIt() throws IOException {
    Path inRepo = jar("acme-1.0.jar", Map.of("A.class", "x"));
    Files.writeString(dir.resolve("acme-1.0.pom"), WORKER_POM);
    Path alone = jar("other-1.0.jar", Map.of("B.class", "x"));

    assertThat(WorkerJars.mayHoldWorkers(inRepo.toString())).isTrue();
    assertThat(WorkerJars.mayHoldWorkers(alone.toString())).isFalse();
  }

  @Test
  void missingFilesAndNonJarsAreSkipped() throws IOException {
    assertThat(WorkerJars.mayHoldWorkers(dir.resolve("gone.jar").toString())).isFalse();
    Files.writeString(dir.resolve("broken.jar"), "not a zip");
    assertThat(WorkerJars.mayHoldWorkers(dir.resolve("broken.jar").toString())).isFalse();
  }

  private Path jar(String name, Map<String, String> entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }
}
