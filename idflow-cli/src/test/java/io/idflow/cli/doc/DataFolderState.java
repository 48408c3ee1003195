package io.idflow.cli.doc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and folder under a data folder with the files' bytes, for a fault test's "nothing
 * partial": compared before and after a failed command, it shows a changed document, a temporary
 * file left behind and a half-made folder alike. Lock files ({@code .lock}, empty, made by a
 * document's first write and kept) are left out.
 */
record DataFolderState(Map<String, String> entries) {

  /** The state of a folder, leaving out the named files (a filler file). */
  static DataFolderState of(Path root, Path... except) throws IOException {
    List<Path> skip = Arrays.asList(except);
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p :
          s.filter(p -> !skip.contains(p) && !p.equals(root))
              // a document's lock file is made on its first write and stays, by design
              .filter(p -> !p.getFileName().toString().equals(".lock"))
              .toList()) {
        String name = root.relativize(p).toString();
        entries.put(
            name,
            Files.isDirectory(p)
                ? "(folder)"
                : Arrays.toString(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new DataFolderState(entries);
  }

  /** The names of the entries, for a readable assertion message. */
  List<String> names() {
    return new ArrayList<>(entries.keySet());
  }
}
