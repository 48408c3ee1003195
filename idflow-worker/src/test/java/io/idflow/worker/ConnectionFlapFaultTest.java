package io.idflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.conductor.client.http.ConductorClient;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault suite, hardening item 14: while Conductor shuts down, a poll that was already under way
 * still gets its answer after other requests fail. That answer does not mean the server is back:
 * the runner reported {@code is back after 0.0 s} for it. Only a request sent after the outage
 * began may end it.
 *
 * <p>A JDK HTTP server plays the server shutting down (one poll answered late, the other refused by
 * closing the connection), which a real server does not do on demand.
 */
@Tag("fault")
class ConnectionFlapFaultTest {

  @Test
  void anAnswerToARequestSentBeforeTheOutageDoesNotEndIt() throws Exception {
    CountDownLatch slowSent = new CountDownLatch(1);
    CountDownLatch refused = new CountDownLatch(1);
    CountDownLatch lateAnswerTaken = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    AtomicInteger slowPolls = new AtomicInteger();
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.setExecutor(Executors.newCachedThreadPool());
    stub.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          try {
            if (path.contains("flap_refused")) {
              slowSent.await(30, TimeUnit.SECONDS); // the slow poll was sent before this fails
              refused.countDown();
              ex.close(); // no answer at all: the connection ends, as with a server going away
              return;
            }
            if (path.contains("flap_slow")) {
              int n = slowPolls.incrementAndGet();
              if (n == 1) {
                slowSent.countDown();
                refused.await(30, TimeUnit.SECONDS); // answered after the other poll failed
              } else {
                lateAnswerTaken.countDown(); // the runner went on after the late answer
                end.await(30, TimeUnit.SECONDS);
              }
            }
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            ex.close();
          }
        });
    stub.start();
    List<RunnerEvent.ConnectionChanged> events = new CopyOnWriteArrayList<>();
    TestWorkers beans = new TestWorkers();
    ConductorClient client =
        ConductorClient.builder()
            .basePath("http://127.0.0.1:" + stub.getAddress().getPort() + "/api")
            .build();
    TaskRunner runner =
        TaskRunner.builder(client)
            .listener(
                ev -> {
                  if (ev instanceof RunnerEvent.ConnectionChanged c) {
                    events.add(c);
                  }
                })
            .worker(beans.worker("echo", "flap_slow"), WorkerSettings.defaults().withThreads(1))
            .worker(beans.worker("echo", "flap_refused"), WorkerSettings.defaults().withThreads(1))
            .build();
    try {
      runner.start();
      assertThat(lateAnswerTaken.await(60, TimeUnit.SECONDS))
          .as("the slow poll was answered and the runner polled again")
          .isTrue();
      assertThat(events).extracting(RunnerEvent.ConnectionChanged::lost).containsExactly(true);
    } finally {
      end.countDown();
      runner.shutdownNow();
      runner.awaitTermination(java.time.Duration.ofSeconds(30));
      stub.stop(0);
    }
  }
}
