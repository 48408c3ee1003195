package io.idflow.api.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.api.TestProject;
import io.idflow.api.config.ConfigLoader;
import io.idflow.api.resource.ResourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault suite, issue 10 item 4: content after a definition file's JSON makes it invalid. */
@Tag("fault")
class TrailingContentFaultTest {

  @TempDir Path project;

  private WorkflowCatalog loadWithAppended(String file, String tail) throws Exception {
    TestProject.copy("definitions-valid", project);
    Path f = project.resolve(file);
    Files.writeString(f, Files.readString(f) + tail);
    return WorkflowCatalog.load(
        ResourceResolver.forConfig(new ConfigLoader().env(Map.of()).workingDir(project).load()));
  }

  @Test
  void braceAfterAWorkflowIsAProblem() throws Exception {
    WorkflowCatalog catalog = loadWithAppended("workflows/blog/blog_post.json", "}}}");
    assertThat(catalog.problems())
        .extracting(DefinitionProblem::toString)
        .anySatisfy(p -> assertThat(p).contains("blog_post.json"));
  }

  @Test
  void aSecondValueAfterEventHandlersIsAProblem() throws Exception {
    WorkflowCatalog catalog =
        loadWithAppended("workflows/single_handler/event_handlers.json", "\n[]");
    assertThat(catalog.problems())
        .extracting(DefinitionProblem::toString)
        .anySatisfy(p -> assertThat(p).contains("event_handlers.json"));
  }
}
