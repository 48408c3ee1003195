package io.idflow.conductor.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides which class-path elements the class-path scan reads. Reading every class of every jar
 * takes seconds (Kotlin, Guava, Nashorn, ... come with the Conductor client), so only these are
 * scanned: directories (a project's own classes), and jars whose Maven POM (the {@code .pom} beside
 * the jar in a Maven repository, else the one embedded under {@code META-INF/maven/}) declares a
 * dependency on {@code org.conductoross:java-sdk} or {@code io.idflow:idflow-api}, the only ways to
 * get {@code @WorkerTask}.
 */
final class WorkerJars {

  private static final Pattern WORKER_DEPENDENCY =
      Pattern.compile(
          "<dependency>(?:(?!</dependency>).)*<artifactId>\\s*(java-sdk|idflow-api|idflow-conductor)\\s*</artifactId>",
          Pattern.DOTALL);

  private WorkerJars() {}

  /** Whether the class-path element may hold worker classes. */
  static boolean mayHoldWorkers(String element) {
    Path p = Path.of(element);
    if (Files.isDirectory(p)) {
      return true;
    }
    if (!Files.isRegularFile(p) || !element.endsWith(".jar")) {
      return false;
    }
    // In a Maven repository (Maven's and JBang's class paths) the POM lies beside the jar: reading
    // it is cheaper than opening the jar.
    String file = p.getFileName().toString();
    Path pom = p.resolveSibling(file.substring(0, file.length() - ".jar".length()) + ".pom");
    if (Files.isRegularFile(pom)) {
      try {
        return declaresWorkerDependency(Files.readString(pom));
      } catch (IOException e) {
        return false;
      }
    }
    try (ZipFile zip = new ZipFile(p.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml")) {
          try (InputStream in = zip.getInputStream(e)) {
            if (declaresWorkerDependency(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean declaresWorkerDependency(String pom) {
    int deps = pom.indexOf("<dependencies>");
    return deps >= 0 && WORKER_DEPENDENCY.matcher(pom.substring(deps)).find();
  }
}
