package io.idflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder that looks like a JDK home to idflow's runtime discovery (a release file and bin/java).
 */
public final class FakeJdk {

  private FakeJdk() {}

  /**
   * Creates {@code parent/name} with {@code bin/java} and a release file naming {@code version}.
   */
  public static Path create(Path parent, String name, String version) throws IOException {
    Path home = Files.createDirectories(parent.resolve(name));
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }
}
