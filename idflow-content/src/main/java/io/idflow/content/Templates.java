package io.idflow.content;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Mustache templates (mustache.java) of drafts, posts and pages. A template is read from the
 * project's template folder when it has a file of that name ({@code templates/<name>} by default),
 * else from idflow's own ({@code io/idflow/content/templates/} on the class path). Templates are
 * compiled at each call, so an edited project template applies to the next task. Thread-safe.
 */
public final class Templates {

  /** The draft of a blog post, filled from the document and its research. */
  public static final String DRAFT = "draft.md.mustache";

  /** The prompt that asks an LLM for a draft. */
  public static final String DRAFT_PROMPT = "draft-prompt.mustache";

  /** The published Markdown of a post (YAML frontmatter and the text). */
  public static final String POST = "post.md.mustache";

  /** The standalone HTML page of a post. */
  public static final String PAGE = "page.html.mustache";

  private static final String BUILT_IN = "io/idflow/content/templates/";

  private final Path projectDir;

  /**
   * Templates.
   *
   * @param projectDir the project's template folder, or null for idflow's templates only
   */
  public Templates(Path projectDir) {
    this.projectDir = projectDir;
  }

  /** idflow's own templates only. */
  public static Templates builtIn() {
    return new Templates(null);
  }

  /**
   * Renders a template with a scope (maps, lists, records' accessor methods and fields).
   *
   * @throws IllegalArgumentException when there is no template of that name
   */
  public String render(String name, Object scope) {
    String text = source(name);
    Mustache m = new DefaultMustacheFactory().compile(new StringReader(text), name);
    StringWriter out = new StringWriter();
    m.execute(out, scope);
    return out.toString();
  }

  private String source(String name) {
    try {
      if (projectDir != null) {
        Path file = projectDir.resolve(name);
        if (Files.isRegularFile(file)) {
          return Files.readString(file);
        }
      }
      try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(BUILT_IN + name)) {
        if (in == null) {
          throw new IllegalArgumentException("no template named " + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template " + name, e);
    }
  }
}
