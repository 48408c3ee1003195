package io.idflow.tooling.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.testing.FakeJdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {

  @TempDir Path jvms;

  static Path fakeJdk(Path parent, String name, String version) throws IOException {
    return FakeJdk.create(parent, name, version);
  }

  @Test
  void featureReleasesAreParsed() {
    assertThat(JavaRuntimes.featureOf("1.8.0_392")).isEqualTo(8);
    assertThat(JavaRuntimes.featureOf("17.0.15")).isEqualTo(17);
    assertThat(JavaRuntimes.featureOf("25")).isEqualTo(25);
    assertThat(JavaRuntimes.featureOf("21-ea")).isEqualTo(21);
  }

  @Test
  void theNewestInstalledRuntimeIsChosenWhenJavaHomeIsTooOld() throws IOException {
    Path old = fakeJdk(jvms, "jdk-17", "17.0.2");
    fakeJdk(jvms, "jdk-21", "21.0.4");
    Path newest = fakeJdk(jvms, "jdk-25", "25.0.1");
    JavaRuntimes r = new JavaRuntimes(Map.of("JAVA_HOME", old.toString()), List.of(jvms));
    assertThat(r.find(21, null)).get().extracting(JavaRuntime::home).isEqualTo(newest);
    assertThat(r.all()).extracting(JavaRuntime::version).contains("17.0.2", "21.0.4", "25.0.1");
  }

  @Test
  void javaHomeWinsWhenItIsNewEnough() throws IOException {
    Path home = fakeJdk(jvms, "jdk-22", "22.0.1");
    fakeJdk(jvms, "jdk-25", "25.0.1");
    JavaRuntimes r = new JavaRuntimes(Map.of("JAVA_HOME", home.toString()), List.of(jvms));
    assertThat(r.find(21, null)).get().extracting(JavaRuntime::origin).isEqualTo("JAVA_HOME");
  }

  @Test
  void anExplicitRuntimeThatIsTooOldIsNotReplacedSilently() throws IOException {
    Path old = fakeJdk(jvms, "jdk-17", "17.0.2");
    fakeJdk(jvms, "jdk-25", "25.0.1");
    JavaRuntimes r = new JavaRuntimes(Map.of("IDFLOW_SERVER_JAVA", old.toString()), List.of(jvms));
    assertThat(r.find(21, null)).isEmpty();
  }

  @Test
  void anExplicitRuntimeMayNameTheJavaExecutable() throws IOException {
    Path home = fakeJdk(jvms, "jdk-25", "25.0.1");
    JavaRuntimes r = new JavaRuntimes(Map.of(), List.of());
    assertThat(r.find(21, home.resolve("bin/java").toString()))
        .get()
        .extracting(JavaRuntime::home)
        .isEqualTo(home);
  }

  @Test
  void foldersWithoutAJavaAreIgnored() throws IOException {
    Files.createDirectories(jvms.resolve("not-a-jdk"));
    JavaRuntimes r = new JavaRuntimes(Map.of(), List.of(jvms));
    assertThat(r.all()).noneMatch(j -> j.home().startsWith(jvms));
  }
}
