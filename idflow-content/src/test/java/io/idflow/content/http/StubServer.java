package io.idflow.content.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HTTP server that answers from a script of responses, and records what it got. */
public final class StubServer implements AutoCloseable {

  /** One scripted answer; a status of 0 means: never answer (until the stub is closed). */
  public record Answer(int status, String body, String retryAfter) {
    public static Answer of(int status, String body) {
      return new Answer(status, body, null);
    }
  }

  /** A request the stub received. */
  public record Received(String method, String uri, String authorization, String body) {}

  private final HttpServer server;
  private final List<Answer> script;
  private final AtomicInteger next = new AtomicInteger();
  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  public StubServer(Answer... answers) throws IOException {
    this.script = List.of(answers);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            ex.getRequestMethod(),
            ex.getRequestURI().toString(),
            ex.getRequestHeaders().getFirst("Authorization"),
            body));
    int i = next.getAndIncrement();
    Answer a = script.get(Math.min(i, script.size() - 1));
    if (a.status() == 0) {
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (a.retryAfter() != null) {
      ex.getResponseHeaders().add("Retry-After", a.retryAfter());
    }
    ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
