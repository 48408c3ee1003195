package io.idflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build-time facts: idflow's own version and the Conductor server version it starts by default. */
public final class IdflowVersion {

  private static final Properties PROPS = load();

  private IdflowVersion() {}

  /** idflow's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return PROPS.getProperty("version", "unknown");
  }

  /** The version of {@code org.conductoross:conductor-server} that {@code server start} uses. */
  public static String conductorServerVersion() {
    return PROPS.getProperty("conductor.server.version", "3.32.3");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = IdflowVersion.class.getResourceAsStream("idflow-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
