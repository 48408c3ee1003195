package io.idflow.api.document.internal;

import io.idflow.api.ConfigurationException;
import io.idflow.api.IdflowException;
import io.idflow.api.document.Document;
import io.idflow.api.document.DocumentContent;
import io.idflow.api.document.DocumentCorruptException;
import io.idflow.api.document.DocumentListener;
import io.idflow.api.document.DocumentListeners;
import io.idflow.api.document.DocumentNotFoundException;
import io.idflow.api.document.DocumentQuery;
import io.idflow.api.document.DocumentStatus;
import io.idflow.api.document.DocumentStore;
import io.idflow.api.document.DuplicateDocumentException;
import io.idflow.api.document.StageInstance;
import io.idflow.api.document.StageResult;
import io.idflow.api.value.internal.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@code fs_markdown} store: one folder per document, {@code <base>/<status>/<id>/}, holding
 * {@code doc.md} (YAML frontmatter and Markdown body), attachments named by their id, and stage
 * instances in {@code stages/<name>/<counter>/stage.md}.
 *
 * <p>How it stays consistent:
 *
 * <ul>
 *   <li>Every file is written to a hidden temporary file in the same folder (forced to disk unless
 *       {@code fsync} is off) and renamed over the old one, so readers and crashes see the old or
 *       the new file. A new document is assembled in a hidden folder and renamed into place, so it
 *       appears complete or not at all.
 *   <li>The frontmatter's {@code status} is the document's status. A status change first rewrites
 *       {@code doc.md} (the change is then done), then renames the folder into the new status
 *       folder. A crash in between leaves a complete, new document in the old folder; it is found
 *       and reported with its new status, and the next write moves it. A document is never in two
 *       folders or none.
 *   <li>Deleting renames the folder out of the status folders first ({@code <base>/.trash-*}), so a
 *       document is gone at once, then deletes the files.
 *   <li>{@link #update} and {@link #destroy} hold {@link DocumentLocks}: an in-process lock and a
 *       file lock, so writers in other processes wait too.
 *   <li>Listeners are called through {@link DocumentListeners}: the {@code before} methods under
 *       the document's lock, the {@code after} methods once it is released.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class FsMarkdownStore implements DocumentStore {

  /** The implementation's name. */
  public static final String NAME = "fs_markdown";

  static final String DOC_FILE = "doc.md";
  static final String STAGE_FILE = "stage.md";
  static final String STAGES_DIR = "stages";

  private final Path base;
  private final boolean fsync;
  private final Consumer<String> warnings;
  private final DocumentListeners listeners;

  /**
   * A store over a base directory, which is created on the first write.
   *
   * @param base the base directory
   * @param fsync whether to force written files to disk before renaming them into place (slower,
   *     but survives power loss, not only a killed process)
   * @param warnings where to report problems that do not stop a write
   */
  public FsMarkdownStore(Path base, boolean fsync, Consumer<String> warnings) {
    this.base = base.toAbsolutePath().normalize();
    this.fsync = fsync;
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.listeners = new DocumentListeners(this, warnings);
  }

  /** The base directory. */
  public Path base() {
    return base;
  }

  @Override
  public String implementation() {
    return NAME;
  }

  @Override
  public void addListener(DocumentListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(DocumentListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void close() {
    // Locks are held only within a call and the loader pool is shared: only listeners to close.
    listeners.close();
  }

  // ---------------------------------------------------------------------------------- reading

  @Override
  public Optional<Path> locate(String id) {
    Names.requireId("document id", id);
    return Optional.ofNullable(locateFolder(id)).map(l -> l.folder.resolve(DOC_FILE));
  }

  private record Located(Path folder, DocumentStatus status) {}

  /**
   * Where a document is.
   *
   * @return null when no status folder holds it
   * @throws DocumentCorruptException when its folder has no {@code doc.md}, or two status folders
   *     hold it
   * @throws ConfigurationException when the base or a status folder is a file
   */
  private Located locateFolder(String id) {
    Located found = null;
    Located second = null;
    for (DocumentStatus s : DocumentStatus.values()) {
      Path folder = base.resolve(s.folderName()).resolve(id);
      if (Files.isRegularFile(folder.resolve(DOC_FILE))) {
        if (found == null) {
          found = new Located(folder, s);
        } else if (second == null) {
          second = new Located(folder, s);
        }
      }
    }
    if (second != null
        // a status change that moved the folder while we looked is not a second copy
        && Files.isRegularFile(found.folder.resolve(DOC_FILE))
        && Files.isRegularFile(second.folder.resolve(DOC_FILE))) {
      throw inTwoFolders(id, found.status, second.status, second.folder);
    }
    if (second != null && !Files.isRegularFile(found.folder.resolve(DOC_FILE))) {
      return second;
    }
    if (found == null) {
      checkFolders();
      for (DocumentStatus s : DocumentStatus.values()) {
        Path folder = base.resolve(s.folderName()).resolve(id);
        if (Files.isDirectory(folder) && !Files.isRegularFile(folder.resolve(DOC_FILE))) {
          throw Files.exists(folder.resolve(DOC_FILE))
              ? new DocumentCorruptException(
                  folder.resolve(DOC_FILE), "not a file (remove what is in its place)")
              : noDocFile(folder);
        }
      }
    }
    return found;
  }

  static DocumentCorruptException noDocFile(Path folder) {
    return new DocumentCorruptException(
        folder.resolve(DOC_FILE),
        "missing: the document folder has no " + DOC_FILE + " (restore it, or remove the folder)");
  }

  static DocumentCorruptException inTwoFolders(
      String id, DocumentStatus first, DocumentStatus second, Path secondFolder) {
    return new DocumentCorruptException(
        secondFolder.resolve(DOC_FILE),
        "document "
            + id
            + " is in two status folders, "
            + first.folderName()
            + " and "
            + second.folderName()
            + "; remove one of the two folders");
  }

  /**
   * Refuses a base directory or status folder that is a file: documents could be neither read nor
   * written there.
   */
  private void checkFolders() {
    if (Files.exists(base) && !Files.isDirectory(base)) {
      throw new ConfigurationException(
          "base_dir " + base + " is a file, not a folder; move it away or set base_dir elsewhere");
    }
    for (DocumentStatus s : DocumentStatus.values()) {
      Path dir = base.resolve(s.folderName());
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new ConfigurationException(
            "the status folder "
                + dir
                + " is a file, not a folder; move it away (documents are folders in it)");
      }
    }
  }

  @Override
  public Optional<Document> find(String id) {
    Names.requireId("document id", id);
    // Without a lock, a concurrent status change may move the folder while we look; look again.
    for (int attempt = 0; attempt < 3; attempt++) {
      Located loc = locateFolder(id);
      if (loc == null) {
        if (attempt == 0) {
          continue;
        }
        return Optional.empty();
      }
      try {
        return Optional.of(load(loc.folder, loc.status, id));
      } catch (NoSuchFileException moved) {
        // moved or deleted meanwhile
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.empty();
  }

  /** Reads a document with its stage instances. */
  private Document load(Path folder, DocumentStatus folderStatus, String id) throws IOException {
    Document head = loadHead(folder, folderStatus, id);
    List<StageInstance> stages = loadStages(folder, id);
    return stages.isEmpty() ? head : withStages(head, stages);
  }

  /** Reads {@code doc.md} only. */
  private static Document loadHead(Path folder, DocumentStatus folderStatus, String id)
      throws IOException {
    Path file = folder.resolve(DOC_FILE);
    return MarkdownCodec.parseDocument(id, folderStatus, file, readText(file));
  }

  private static Document withStages(Document head, List<StageInstance> stages) {
    Document doc =
        Document.builder(head.id())
            .status(head.status())
            .properties(head.properties())
            .body(head.body())
            .docRefs(head.docRefs())
            .fileRefs(head.fileRefs())
            .stages(stages)
            .path(head.path().orElse(null))
            .build();
    return doc;
  }

  private static List<StageInstance> loadStages(Path folder, String docId) throws IOException {
    Path stagesDir = folder.resolve(STAGES_DIR);
    if (!Files.isDirectory(stagesDir)) {
      return List.of();
    }
    List<StageInstance> stages = new ArrayList<>();
    for (String name : sortedNames(stagesDir)) {
      if (!Names.isKey(name)) {
        continue;
      }
      for (String c : sortedNames(stagesDir.resolve(name))) {
        if (c.isEmpty() || c.length() > 9 || !c.chars().allMatch(Character::isDigit)) {
          continue;
        }
        int counter = Integer.parseInt(c);
        Path dir = stagesDir.resolve(name).resolve(c);
        Path file = dir.resolve(STAGE_FILE);
        if (counter < 1 || !Files.isRegularFile(file)) {
          continue;
        }
        Map<String, StageResult> results = loadResults(dir);
        stages.add(MarkdownCodec.parseStage(name, counter, docId, file, readText(file), results));
      }
    }
    return stages;
  }

  private static Map<String, StageResult> loadResults(Path stageDir) throws IOException {
    Map<String, StageResult> results = new LinkedHashMap<>();
    for (String f : sortedNames(stageDir)) {
      if (!f.endsWith(".md") || f.equals(STAGE_FILE)) {
        continue;
      }
      String name = f.substring(0, f.length() - 3);
      if (!Names.isKey(name)) {
        continue;
      }
      Path file = stageDir.resolve(f);
      results.put(name, MarkdownCodec.parseResult(file, readText(file)));
    }
    return results;
  }

  /** The names in a folder, sorted; empty when it is not a folder. */
  static List<String> sortedNames(Path dir) throws IOException {
    // File.list gives plain strings, several times cheaper than a DirectoryStream of Paths.
    String[] names = dir.toFile().list();
    if (names == null) {
      if (Files.isDirectory(dir)) {
        throw new IOException("cannot list " + dir);
      }
      return List.of();
    }
    java.util.Arrays.sort(names);
    return java.util.Arrays.asList(names);
  }

  /**
   * A Markdown file's text.
   *
   * @throws NoSuchFileException when there is no such file (also when its folder is not a folder)
   * @throws DocumentCorruptException when it cannot be read or is not UTF-8
   */
  static String readText(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = readBytes(file);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      if (!Files.isDirectory(file.getParent())) {
        throw new NoSuchFileException(file.toString()); // a plain file where a folder would be
      }
      throw new DocumentCorruptException(file, "cannot be read: " + e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    // The fast decoder replaces malformed input; only then is the strict (slower) check needed.
    if (text.indexOf('\uFFFD') >= 0) {
      try {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      } catch (CharacterCodingException e) {
        throw new DocumentCorruptException(file, "not valid UTF-8 text");
      }
    }
    return text;
  }

  /** A small file's bytes: open, size, read, close; no extra read to find the end. */
  private static byte[] readBytes(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException(file + " is too large");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          break; // shrank meanwhile; what was read is all there is
        }
      }
      if (buf.hasRemaining()) {
        return java.util.Arrays.copyOf(buf.array(), buf.position());
      }
      return buf.array();
    }
  }

  @Override
  public Stream<Document> where(DocumentQuery query) {
    Objects.requireNonNull(query, "query");
    checkFolders();
    OrderedLoader loader = new OrderedLoader(base, query, this::loadForListing);
    return loader.stream();
  }

  /**
   * Reads one document for a listing: {@code doc.md} only; its stage instances are read when the
   * caller first asks for them.
   *
   * @return the document, or null when it does not match or vanished meanwhile
   */
  private Document loadForListing(
      Path folder, DocumentStatus folderStatus, String id, DocumentQuery q) throws IOException {
    Path file = folder.resolve(DOC_FILE);
    Document doc;
    try {
      doc =
          MarkdownCodec.parseDocument(
              id, folderStatus, file, readText(file), () -> stagesLater(folder, id));
    } catch (NoSuchFileException e) {
      if (Files.isDirectory(folder) && !Files.exists(file)) {
        throw noDocFile(folder); // not moved or deleted meanwhile: it never had one
      }
      return null;
    }
    return q.matches(doc) ? doc : null;
  }

  private static List<StageInstance> stagesLater(Path folder, String id) {
    try {
      return loadStages(folder, id);
    } catch (NoSuchFileException moved) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------- writing

  @Override
  public Document create(Document document) {
    Objects.requireNonNull(document, "document");
    Document doc = document;
    String id = doc.id();
    return listeners.create(
        before -> {
          try (DocumentLocks.Held lock = DocumentLocks.acquire(base, id)) {
            if (locateFolder(id) != null) {
              throw new DuplicateDocumentException(id);
            }
            before.run(doc);
            checkFolders();
            Path statusDir = base.resolve(doc.status().folderName());
            Path target = statusDir.resolve(id);
            List<Path> made = new ArrayList<>();
            try {
              createDirectories(statusDir, made);
              Path tmp = statusDir.resolve(".new-" + id + "-" + random());
              try {
                Files.createDirectory(tmp);
                writeContent(doc, tmp);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
              } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                throw new DuplicateDocumentException(id);
              } finally {
                AtomicFiles.deleteTree(tmp);
              }
            } catch (IOException | RuntimeException e) {
              removeEmpty(made, e); // no status folder left behind by a create that failed
              throw e;
            }
            return load(target, doc.status(), id);
          } catch (IOException e) {
            throw writeFailure("create document " + id, base.resolve(doc.status().folderName()), e);
          }
        });
  }

  @Override
  public Document update(String id, Consumer<? super Document> change) {
    Names.requireId("document id", id);
    Objects.requireNonNull(change, "change");
    return listeners.update(
        before -> {
          AtomicReference<Path> where = new AtomicReference<>(base);
          try (DocumentLocks.Held lock = DocumentLocks.acquire(base, id)) {
            Located loc = lockFolder(lock, id, where);
            AtomicFiles.deleteTemporaries(loc.folder);
            Document doc = load(loc.folder, loc.status, id);
            Document previous = doc.copy();
            change.accept(doc);
            before.run(doc, previous);
            Path target = loc.folder;
            if (doc.status() != loc.status) {
              // before anything is written: a status folder that is a file refuses the move
              checkFolders();
              target = base.resolve(doc.status().folderName()).resolve(id);
              if (Files.exists(target)) {
                throw IdflowException.invalid(
                    "cannot move document "
                        + id
                        + " to "
                        + doc.status()
                        + ": "
                        + target
                        + " exists already (a second copy?); remove one of the two folders");
              }
            }
            writeContent(doc, loc.folder);
            if (!target.equals(loc.folder)) {
              Files.createDirectories(target.getParent());
              Files.move(loc.folder, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return load(target, doc.status(), id);
          } catch (IOException e) {
            throw writeFailure("update document " + id, where.get(), e);
          }
        });
  }

  @Override
  public Document destroy(String id) {
    Names.requireId("document id", id);
    Path trash = base.resolve(".trash-" + id + "-" + random());
    return listeners.destroy(
        before -> {
          Document doc;
          AtomicReference<Path> where = new AtomicReference<>(base);
          try (DocumentLocks.Held lock = DocumentLocks.acquire(base, id)) {
            Located loc = lockFolder(lock, id, where);
            doc = load(loc.folder, loc.status, id);
            before.run(doc);
            Files.move(loc.folder, trash, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            throw writeFailure("delete document " + id, where.get(), e);
          }
          try {
            AtomicFiles.deleteTree(trash);
          } catch (IOException e) {
            warnings.accept(
                "document " + id + " is deleted, but " + trash + " could not be removed: " + e);
          }
          return doc;
        });
  }

  /**
   * Takes the file lock of a document and returns where the document is now (it may have moved
   * while we waited).
   */
  private Located lockFolder(DocumentLocks.Held lock, String id, AtomicReference<Path> where)
      throws IOException {
    for (int attempt = 0; attempt < 10; attempt++) {
      Located loc = locateFolder(id);
      if (loc == null) {
        break;
      }
      where.set(loc.folder);
      try {
        lock.lockFolder(loc.folder);
      } catch (NoSuchFileException moved) {
        continue;
      }
      // The lock file moves with the folder, so the lock we hold is the document's wherever it is.
      Located now = locateFolder(id);
      if (now == null) {
        break;
      }
      where.set(now.folder);
      return now;
    }
    throw new DocumentNotFoundException(id);
  }

  /**
   * Writes a document's attachments, stage instances and {@code doc.md} into a folder, all or
   * nothing as far as the disk goes: every changed file is first filled in a temporary file (and
   * every missing stage folder made); only when all are there are they renamed into place, {@code
   * doc.md} last. A full disk (or any failure before the renames) removes the temporary files and
   * the folders made, leaving the document as it was.
   */
  private void writeContent(Document doc, Path folder) throws IOException {
    List<Prepared> prepared = new ArrayList<>();
    List<Path> made = new ArrayList<>();
    try {
      preparePending(doc, folder, prepared);
      for (StageInstance stage : doc.stages()) {
        Path dir =
            folder
                .resolve(STAGES_DIR)
                .resolve(stage.name())
                .resolve(String.valueOf(stage.counter()));
        createDirectories(dir, made);
        preparePending(stage, dir, prepared);
        for (Map.Entry<String, StageResult> r : stage.results().entrySet()) {
          prepareIfChanged(
              dir.resolve(r.getKey() + ".md"), MarkdownCodec.format(r.getValue()), prepared);
        }
        prepareIfChanged(dir.resolve(STAGE_FILE), MarkdownCodec.format(stage), prepared);
      }
      prepareIfChanged(folder.resolve(DOC_FILE), MarkdownCodec.format(doc), prepared);
    } catch (IOException | RuntimeException e) {
      for (Prepared p : prepared) {
        AtomicFiles.deleteQuietly(p.temporary(), e);
      }
      removeEmpty(made, e);
      throw e;
    }
    for (int i = 0; i < prepared.size(); i++) {
      try {
        AtomicFiles.commit(prepared.get(i).temporary(), prepared.get(i).target());
      } catch (IOException | RuntimeException e) {
        for (Prepared p : prepared.subList(i + 1, prepared.size())) {
          AtomicFiles.deleteQuietly(p.temporary(), e);
        }
        throw e;
      }
    }
  }

  /** A filled temporary file, to be renamed over its target. */
  private record Prepared(Path temporary, Path target) {}

  private void preparePending(DocumentContent<?> content, Path folder, List<Prepared> prepared)
      throws IOException {
    for (DocumentContent.PendingFile p : content.pendingFiles()) {
      Path target = folder.resolve(p.ref().uuid());
      if (!Files.exists(target)) {
        prepared.add(new Prepared(AtomicFiles.prepareCopy(p.source(), target, fsync), target));
      }
    }
  }

  private void prepareIfChanged(Path file, String text, List<Prepared> prepared)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      return;
    }
    prepared.add(new Prepared(AtomicFiles.prepare(file, bytes, fsync), file));
  }

  /** Creates a folder and its missing parents, adding each one made to {@code made}. */
  private static void createDirectories(Path dir, List<Path> made) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p);
        made.add(p);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
    }
  }

  /** Removes the folders a failed write made, deepest first, while empty. */
  private static void removeEmpty(List<Path> made, Throwable failure) {
    for (int i = made.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(made.get(i));
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        return; // another writer uses it
      } catch (IOException e) {
        failure.addSuppressed(e);
        return;
      }
    }
  }

  /**
   * A write that failed: when the file system refused it (full, read-only, no permission) a {@link
   * ConfigurationException} (exit 3) naming the document's folder, the cause and what to do;
   * anything else stays an I/O failure.
   */
  static RuntimeException writeFailure(String action, Path where, IOException e) {
    String reason =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getMessage();
    String r = String.valueOf(reason);
    String hint = null;
    if (r.contains("No space left on device") || r.contains("Disk quota exceeded")) {
      hint = "free some space on that disk, or set base_dir to a folder on another";
    } else if (r.contains("Read-only file system")) {
      hint = "make it writable (remount it read-write), or set base_dir to a writable folder";
    } else if (e instanceof AccessDeniedException || r.contains("Permission denied")) {
      r = "permission denied";
      hint = "give this user write permission there, or set base_dir to a writable folder";
    }
    if (hint == null) {
      return new UncheckedIOException("cannot " + action + ": " + e.getMessage(), e);
    }
    return new ConfigurationException(
        "cannot " + action + " in " + where + ": " + r + "; " + hint, e);
  }

  private static String random() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }
}
