package dev.studiolifecycle.local.deploy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The project's deployable files, as the deploy tests read them. */
final class ProjectFiles {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The lifecycle state machine's logical id in template.yaml. */
  static final String STATE_MACHINE = "StudioUserLifecycleStateMachine";

  /** The reconcile state machine's logical id in template.yaml. */
  static final String RECONCILE_STATE_MACHINE = "ReconcileStateMachine";

  /** The convention every part shares: function logical id to handler class to fixtures. */
  record FunctionConvention(String logicalId, String handlerClass, String fixtures) {}

  static final List<FunctionConvention> FUNCTIONS =
      List.of(
          new FunctionConvention("ValidateFunction", "ValidateHandler", "validate"),
          new FunctionConvention(
              "CreateExecutionRoleFunction", "CreateExecutionRoleHandler", "create-execution-role"),
          new FunctionConvention(
              "CreateUserProfileFunction", "CreateUserProfileHandler", "create-user-profile"),
          new FunctionConvention(
              "DeleteUserResourcesFunction", "DeleteUserResourcesHandler", "delete-user-resources"),
          new FunctionConvention("RevokeAccessFunction", "RevokeAccessHandler", "revoke-access"),
          new FunctionConvention("RestoreAccessFunction", "RestoreAccessHandler", "restore-access"),
          new FunctionConvention("CheckStatusFunction", "CheckStatusHandler", "check-status"),
          new FunctionConvention(
              "DeleteExecutionRoleFunction", "DeleteExecutionRoleHandler", "delete-execution-role"),
          new FunctionConvention("StartWorkflowFunction", "StartWorkflowHandler", "start-workflow"),
          new FunctionConvention("ExecutionEndFunction", "ExecutionEndHandler", "execution-end"),
          new FunctionConvention(
              "CreateLoginUrlFunction", "CreateLoginUrlHandler", "create-login-url"),
          new FunctionConvention(
              "PlanReconcileFunction", "PlanReconcileHandler", "plan-reconcile"));

  private ProjectFiles() {}

  static Path root() {
    String root = System.getProperty("studiolifecycle.projectRoot");
    if (root == null) {
      throw new IllegalStateException("system property studiolifecycle.projectRoot is not set");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  static Path events() {
    return root().resolve("events");
  }

  /** The domain of the local runs, given to the template's DomainId (it has no default). */
  static final String DOMAIN_ID = LocalWorkflowRuntime.DEFAULT_DOMAIN_ID;

  static SamTemplate template() {
    return template(Map.of());
  }

  /** The template with these parameter values, and DomainId set unless they set it. */
  static SamTemplate template(Map<String, String> parameters) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("DomainId", DOMAIN_ID);
    values.putAll(parameters);
    return SamTemplate.load(root().resolve("template.yaml"), values);
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is not JSON", e);
    }
  }

  /** The JSON files of a folder, sorted by name. */
  static List<Path> jsonFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The input type of a RequestHandler class, or null for a RequestStreamHandler. */
  static Type handlerInputType(Class<?> handler) {
    if (RequestStreamHandler.class.isAssignableFrom(handler)) {
      return null;
    }
    Type[] types = LambdaRuntime.requestHandlerTypes(handler);
    if (types != null && !(types[0] instanceof TypeVariable<?>)) {
      return types[0];
    }
    throw new AssertionError(
        handler.getName()
            + " implements neither RequestHandler<I, O> "
            + "with concrete types nor RequestStreamHandler");
  }

  /** The serializer the Java Lambda runtime uses for a handler input type. */
  @SuppressWarnings("unchecked")
  static PojoSerializer<Object> runtimeSerializer(Type type) {
    if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
      return (PojoSerializer<Object>)
          LambdaEventSerializers.serializerFor(c, ProjectFiles.class.getClassLoader());
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }
}
