package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.studiolifecycle.handler.RequestStepHandler;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every function of template.yaml names a handler that exists, with the input it expects. */
class TemplateHandlersTest {

  private final SamTemplate template = ProjectFiles.template();

  @Test
  void theTemplateHasExactlyTheFunctionsOfTheConvention() {
    assertThat(template.functions().keySet())
        .containsExactlyInAnyOrderElementsOf(
            ProjectFiles.FUNCTIONS.stream()
                .map(ProjectFiles.FunctionConvention::logicalId)
                .toList());
    for (ProjectFiles.FunctionConvention convention : ProjectFiles.FUNCTIONS) {
      String handler = "dev.studiolifecycle.handler." + convention.handlerClass();
      // A step handler inherits handleRequest: named by class alone, the runtime goes through
      // RequestHandler and its type arguments (see RequestStepHandler).
      boolean byClass = RequestStepHandler.class.isAssignableFrom(loaded(handler));
      assertThat(template.function(convention.logicalId()).orElseThrow().handler())
          .as(convention.logicalId())
          .isEqualTo(byClass ? handler : handler + "::handleRequest");
    }
  }

  @Test
  void everyHandlerMethodExistsWithTheSignatureTheJavaRuntimeCalls() throws Exception {
    for (FunctionDefinition function : template.functions().values()) {
      Class<?> handler = Class.forName(function.handlerClass());
      assertThat(Modifier.isPublic(handler.getModifiers())).as(function.handler()).isTrue();
      assertThat(handler.getConstructor())
          .as("%s: Lambda's no-arg constructor", function.logicalId())
          .isNotNull();
      assertThat(handler.getConstructor(Map.class))
          .as(
              "%s: the constructor the local runtime " + "calls with the function's environment",
              function.logicalId())
          .isNotNull();
      Type input = ProjectFiles.handlerInputType(handler);
      if (function.handlerMethod().isEmpty()) {
        assertThat(RequestHandler.class.isAssignableFrom(handler))
            .as("%s: named by class, so a RequestHandler", function.logicalId())
            .isTrue();
        assertThat(input)
            .as("%s: RequestHandler's input type, concrete", function.logicalId())
            .isInstanceOf(Class.class);
        continue;
      }
      String method = function.handlerMethod().orElseThrow();
      boolean found =
          Arrays.stream(handler.getMethods())
              .filter(m -> m.getName().equals(method) && !m.isBridge())
              .anyMatch(m -> input == null ? isStreamHandler(m) : takes(m, input));
      assertThat(found)
          .as(
              "%s: %s(%s, Context)",
              function.logicalId(),
              method,
              input == null ? "InputStream, OutputStream" : input.getTypeName())
          .isTrue();
    }
  }

  @Test
  void validateStreamsAndEveryOtherHandlerTakesItsOwnInputType() {
    for (ProjectFiles.FunctionConvention convention : ProjectFiles.FUNCTIONS) {
      FunctionDefinition function = template.function(convention.logicalId()).orElseThrow();
      Type input;
      try {
        input = ProjectFiles.handlerInputType(Class.forName(function.handlerClass()));
      } catch (ClassNotFoundException e) {
        throw new AssertionError(function.handlerClass() + " does not exist", e);
      }
      String expected =
          switch (convention.logicalId()) {
            case "ValidateFunction", "ExecutionEndFunction" -> null;
            case "StartWorkflowFunction" -> "com.amazonaws.services.lambda.runtime.events.SNSEvent";
            default ->
                "dev.studiolifecycle.model."
                    + convention.handlerClass().replace("Handler", "Input");
          };
      assertThat(input == null ? null : input.getTypeName())
          .as(convention.logicalId())
          .isEqualTo(expected);
    }
  }

  private static Class<?> loaded(String className) {
    try {
      return Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(className + " does not exist", e);
    }
  }

  private static boolean isStreamHandler(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    return parameters.length == 3
        && parameters[0] == InputStream.class
        && parameters[1] == OutputStream.class
        && parameters[2] == Context.class;
  }

  private static boolean takes(Method method, Type input) {
    Type[] parameters = method.getGenericParameterTypes();
    return parameters.length == 2 && parameters[0].equals(input) && parameters[1] == Context.class;
  }
}
