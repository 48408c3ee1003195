package io.idflow.tooling.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idflow.api.IdflowException;
import io.idflow.api.internal.Json;
import io.idflow.testing.FreePort;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerTest {

  @TempDir Path dir;

  private ServerSettings settings(int port, String java) {
    return new ServerSettings(
        port, dir.resolve("data"), "3.32.3", java, List.of(), Duration.ofSeconds(5));
  }

  @Test
  void tailReturnsTheLastLinesOfLargeFiles() throws IOException {
    Path f = dir.resolve("log");
    Files.writeString(
        f,
        IntStream.rangeClosed(1, 20000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"))
            + "\n");
    assertThat(LocalServer.tail(f, 3)).containsExactly("line 19998", "line 19999", "line 20000");
    assertThat(LocalServer.tail(f, 0)).isEmpty();
    Path small = Files.writeString(dir.resolve("small"), "a\nb");
    assertThat(LocalServer.tail(small, 10)).containsExactly("a", "b");
  }

  @Test
  void aStalePidFileIsReportedAndRemoved() throws IOException {
    long deadPid = deadPid();
    LocalServer.State state =
        new LocalServer.State(
            deadPid, 1, "http://localhost:1", "3.32.3", "", "", "", Instant.now().toString());
    Json.MAPPER.writeValue(dir.resolve(LocalServer.STATE_FILE).toFile(), state);
    LocalServer server = new LocalServer(dir, Map.of());
    LocalServer.Status status = server.status();
    assertThat(status.running()).isFalse();
    assertThat(status.detail()).contains("stale");
    assertThat(dir.resolve(LocalServer.STATE_FILE)).doesNotExist();
  }

  @Test
  void aPidThatBelongsToAnotherProcessIsNeverStopped() throws IOException {
    // Our own pid, but with a start time that is not ours: a re-used pid.
    LocalServer.State state =
        new LocalServer.State(
            ProcessHandle.current().pid(),
            1,
            "http://localhost:1",
            "3.32.3",
            "",
            "",
            "",
            Instant.now().minus(Duration.ofDays(3)).toString());
    Json.MAPPER.writeValue(dir.resolve(LocalServer.STATE_FILE).toFile(), state);
    assertThat(new LocalServer(dir, Map.of()).stop(Duration.ofSeconds(1))).isEmpty();
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void stopWithoutAServerIsANoOp() {
    assertThat(new LocalServer(dir, Map.of()).stop(Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void aPortInUseIsAOneLineConfigurationError() throws IOException {
    try (ServerSocket busy = new ServerSocket(0)) {
      LocalServer server = new LocalServer(dir, Map.of());
      assertThatThrownBy(() -> server.start(settings(busy.getLocalPort(), null), line -> {}))
          .isInstanceOf(IdflowException.class)
          .hasMessageContaining("port " + busy.getLocalPort() + " is in use")
          .isInstanceOf(io.idflow.api.ConfigurationException.class);
    }
  }

  @Test
  void aJavaThatIsTooOldIsAClearError() throws IOException {
    Path jdk17 = JavaRuntimesTest.fakeJdk(dir, "jdk-17", "17.0.2");
    int port = FreePort.find();
    LocalServer server = new LocalServer(dir, Map.of());
    List<String> progress = new ArrayList<>();
    assertThatThrownBy(() -> server.start(settings(port, jdk17.toString()), progress::add))
        .isInstanceOf(IdflowException.class)
        .hasMessageContaining("needs Java 21 or newer")
        .hasMessageContaining(jdk17.toString());
    assertThat(progress).isEmpty();
  }

  private static long deadPid() throws IOException {
    Process p = new ProcessBuilder("true").start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return p.pid();
  }
}
