package io.idflow.tooling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The local server's port check: a listener holds the port, a stopped server's TIME_WAIT not. */
class PortCheckTest {

  @Test
  void aListeningSocketHoldsThePort() throws IOException {
    try (ServerSocket listener = new ServerSocket(0)) {
      assertThat(LocalServer.portIsFree(listener.getLocalPort())).isFalse();
    }
  }

  @Test
  void connectionsOfAStoppedServerInTimeWaitDoNotHoldThePort() throws IOException {
    int port;
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = listener.getLocalPort();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
          Socket accepted = listener.accept()) {
        // the server side closes first: its end of the connection stays in TIME_WAIT on the port
        accepted.close();
        client.getInputStream().read();
      }
    }
    assertThat(LocalServer.portIsFree(port)).isTrue();
  }
}
