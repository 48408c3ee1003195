package io.idflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free TCP ports for servers a test starts. */
public final class FreePort {

  private FreePort() {}

  /** A port that was free a moment ago (another process may still take it first). */
  public static int find() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of a local port nothing listens on, for "Conductor unreachable" tests. */
  public static String closedUrl() {
    return "http://localhost:" + find();
  }
}
