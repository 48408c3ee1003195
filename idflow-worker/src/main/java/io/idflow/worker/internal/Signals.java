package io.idflow.worker.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Handles SIGINT and SIGTERM through the JDK's {@code sun.misc.Signal} (module jdk.unsupported),
 * reached by reflection so that the code compiles without internal-API warnings and keeps working
 * where it is missing: then nothing is installed and the JVM's default handling stays.
 */
final class Signals {

  private Signals() {}

  /**
   * Replaces the handlers of these signals.
   *
   * @param names signal names such as {@code INT} and {@code TERM}; unknown ones are skipped
   * @param onSignal receives the name of each signal received, on a JVM signal thread
   * @return restores the previous handlers
   */
  static Runnable handle(List<String> names, Consumer<String> onSignal) {
    List<Object[]> previous = new ArrayList<>();
    Method handle;
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Constructor<?> create = signal.getConstructor(String.class);
      Method getName = signal.getMethod("getName");
      handle = signal.getMethod("handle", signal, handler);
      Object proxy =
          Proxy.newProxyInstance(
              handler.getClassLoader(),
              new Class<?>[] {handler},
              (self, method, args) -> {
                switch (method.getName()) {
                  case "handle" -> onSignal.accept((String) getName.invoke(args[0]));
                  case "hashCode" -> {
                    return System.identityHashCode(self);
                  }
                  case "equals" -> {
                    return self == args[0];
                  }
                  case "toString" -> {
                    return "idflow signal handler";
                  }
                  default -> {
                    // no other methods
                  }
                }
                return null;
              });
      for (String name : names) {
        try {
          Object sig = create.newInstance(name);
          previous.add(new Object[] {sig, handle.invoke(null, sig, proxy)});
        } catch (InvocationTargetException e) {
          // not available on this platform, or claimed by -Xrs: stop through the control port
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return () -> {};
    }
    Method restore = handle;
    return () -> {
      for (Object[] p : previous) {
        try {
          restore.invoke(null, p[0], p[1]);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // the JVM is going down anyway
        }
      }
    };
  }
}
