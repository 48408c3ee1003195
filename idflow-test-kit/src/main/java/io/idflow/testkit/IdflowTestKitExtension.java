package io.idflow.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own {@link IdflowTestKit}: started before the class's first test (in
 * the working directory's project, on the test run's Conductor), handed to test and lifecycle
 * methods that take an {@code IdflowTestKit} parameter, and closed after the class's last test,
 * which removes everything it registered.
 *
 * <pre>{@code
 * @ExtendWith(IdflowTestKitExtension.class)
 * class PipelineIT {
 *   @Test
 *   void greets(IdflowTestKit kit) {
 *     Run run = kit.run("greeting", Map.of("name", "Ada"));
 *     assertThat(run.output()).containsEntry("greeting", "hello Ada");
 *   }
 * }
 * }</pre>
 *
 * <p>A class that wants other settings starts its own kit with {@link IdflowTestKit#builder()}.
 */
public final class IdflowTestKitExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(IdflowTestKitExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    kit(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == IdflowTestKit.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return kit(e);
  }

  private static IdflowTestKit kit(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "kit", k -> new ClosingKit(IdflowTestKit.builder().start()), ClosingKit.class)
        .kit();
  }

  /** The context of the outermost test class, so nested classes share their class's kit. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /** Closes the kit when JUnit drops the class's store. */
  private record ClosingKit(IdflowTestKit kit) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      kit.close();
    }
  }
}
