package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.worker.internal.RunFile;
import io.idflow.worker.internal.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

  @TempDir Path project;

  private static RunFile self(String name) {
    ProcessHandle me = ProcessHandle.current();
    return new RunFile(
        name,
        me.pid(),
        me.info().startInstant().orElseThrow(),
        List.of("echo", "Upper_Case"),
        1234,
        "secret",
        9100,
        null);
  }

  @Test
  void writesOwnerOnlyFilesAndReadsLiveRunnersBack() throws Exception {
    RunFiles files = new RunFiles(project);
    Path f = files.write(self("all"));
    assertThat(f)
        .isEqualTo(
            project.resolve(".idflow/run/worker-" + ProcessHandle.current().pid() + ".json"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    RunFiles.Listing listing = files.list();
    assertThat(listing.live()).containsExactly(self("all"));
    assertThat(listing.removedStale()).isEmpty();
  }

  @Test
  void aFileWhosePidBelongsToAnotherProcessOrToNoneIsStale() throws Exception {
    RunFiles files = new RunFiles(project);
    ProcessHandle me = ProcessHandle.current();
    // our pid, but a start time an hour off: the pid was reused
    files.write(
        new RunFile(
            "reused",
            me.pid(),
            me.info().startInstant().orElseThrow().minusSeconds(3600),
            List.of("x"),
            1,
            "t",
            null,
            null));
    Files.writeString(files.dir().resolve("worker-999999999.json"), "{ not json");
    RunFiles.Listing listing = files.list();
    assertThat(listing.live()).isEmpty();
    assertThat(listing.removedStale()).hasSize(2);
    assertThat(files.dir()).isEmptyDirectory();
  }

  @Test
  void namesAndPatternsMatchTheRunnerOrItsTaskTypes() {
    RunFile r = self("blog");
    assertThat(r.matches("blog")).isTrue();
    assertThat(r.matches("echo")).isTrue();
    assertThat(r.matches("ech")).isFalse();
    assertThat(r.matchesPattern("LO")).isTrue();
    assertThat(r.matchesPattern("upper")).isTrue();
    assertThat(r.matchesPattern("zzz")).isFalse();
    assertThat(r.matchesPattern(null)).isTrue();
    assertThat(RunFiles.alive(r)).isTrue();
    assertThat(
            RunFiles.alive(
                new RunFile("x", 999_999_999L, Instant.now(), List.of(), 1, "t", null, null)))
        .isFalse();
  }
}
