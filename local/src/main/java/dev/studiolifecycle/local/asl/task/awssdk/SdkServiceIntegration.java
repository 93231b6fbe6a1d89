package dev.studiolifecycle.local.asl.task.awssdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.task.AwsSdkIntegration;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * {@code arn:aws:states:::aws-sdk:<service>:<action>} for one AWS service, through its AWS SDK for
 * Java v2 client, for every operation of the client generically (no code per operation): the action
 * names the client method ({@code describeUserProfile}), Parameters become the request through the
 * SDK's shape metadata, and the response comes back as Step Functions returns it.
 *
 * <p>Errors are named as Step Functions names them for AWS SDK integrations: {@code
 * <Service>.<Exception>}, where Service is the SDK client's name ({@code SageMaker}, {@code Iam},
 * {@code Sns}, {@code Sts}, {@code Sfn}) and Exception the SDK exception class of the error ({@code
 * SageMaker.ResourceNotFoundException}, {@code Iam.NoSuchEntityException}); an error the service
 * model does not declare is the service's base exception ({@code SageMaker.SageMakerException}).
 * The cause is the SDK exception's message.
 */
public final class SdkServiceIntegration implements AwsSdkIntegration {

  private static final Set<String> NOT_OPERATIONS = Set.of("serviceName", "close");

  private final String errorPrefix;
  private final SdkClient client;
  private final Predicate<String> served;
  private final Map<String, Method> operations = new TreeMap<>();

  private SdkServiceIntegration(
      Class<? extends SdkClient> clientInterface, SdkClient client, Predicate<String> served) {
    this.client = client;
    this.served = served;
    String simpleName = clientInterface.getSimpleName();
    if (!simpleName.endsWith("Client")) {
      throw new IllegalArgumentException(clientInterface + " is not an AWS SDK client interface");
    }
    this.errorPrefix = simpleName.substring(0, simpleName.length() - "Client".length());
    for (Method method : clientInterface.getMethods()) {
      if (isOperation(method)) {
        operations.put(method.getName(), method);
      }
    }
  }

  /**
   * An integration calling {@code client}.
   *
   * @param clientInterface the SDK client interface, e.g. {@code SageMakerClient.class}
   * @param served which operations (PascalCase, e.g. {@code DescribeUserProfile}) the endpoint
   *     behind the client serves, asked when a definition is checked; the others are refused
   */
  public static <C extends SdkClient> SdkServiceIntegration of(
      Class<C> clientInterface, C client, Predicate<String> served) {
    return new SdkServiceIntegration(
        Objects.requireNonNull(clientInterface, "clientInterface"),
        Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(served, "served"));
  }

  /** The Service part of this integration's error names, e.g. {@code SageMaker}. */
  public String errorPrefix() {
    return errorPrefix;
  }

  /** The actions this integration runs now, e.g. {@code describeUserProfile}. */
  public Set<String> actions() {
    return operations.keySet().stream()
        .filter(this::supports)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public boolean supports(String action) {
    return operations.containsKey(action) && served.test(operationName(action));
  }

  @Override
  public List<String> check(TaskState state) {
    TaskResource.AwsSdk resource = (TaskResource.AwsSdk) state.resource();
    Method method = operations.get(resource.action());
    JsonNode parameters = state.arguments();
    if (method == null || parameters.isMissingNode() || state.argumentsComputed()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    String where = "State '" + state.name() + "', field '";
    if (!parameters.isObject()) {
      problems.add(where + state.argumentsField() + "': must be an object");
      return problems;
    }
    SdkPojo request = SdkShapeJson.newBuilder(method.getParameterTypes()[0]);
    checkMembers(
        request.sdkFields(),
        parameters,
        state.argumentsField(),
        resource.action(),
        where,
        problems);
    return problems;
  }

  /** Literal members must exist; values given by a path (".$") are checked when they run. */
  private static void checkMembers(
      List<SdkField<?>> fields,
      JsonNode json,
      String path,
      String shape,
      String where,
      List<String> problems) {
    Map<String, SdkField<?>> members = SdkShapeJson.members(fields);
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      boolean dynamic = entry.getKey().endsWith(".$");
      String name =
          dynamic ? entry.getKey().substring(0, entry.getKey().length() - 2) : entry.getKey();
      SdkField<?> field = members.get(name);
      if (field == null) {
        problems.add(
            where
                + path
                + "."
                + name
                + "': "
                + shape
                + " has no member '"
                + name
                + "' (it has: "
                + SdkShapeJson.describe(fields)
                + ")");
      } else if (!dynamic) {
        checkValue(field, entry.getValue(), path + "." + name, where, problems);
      }
    }
  }

  private static void checkValue(
      SdkField<?> field, JsonNode value, String path, String where, List<String> problems) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO && value.isObject()) {
      SdkPojo builder = field.constructor().get();
      checkMembers(builder.sdkFields(), value, path, shapeName(builder), where, problems);
    } else if (type == MarshallingType.LIST && value.isArray()) {
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      for (int i = 0; i < value.size(); i++) {
        checkValue(member, value.get(i), path + "[" + i + "]", where, problems);
      }
    } else if (type == MarshallingType.MAP && value.isObject()) {
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      value
          .fields()
          .forEachRemaining(
              entry ->
                  checkValue(
                      member, entry.getValue(), path + "." + entry.getKey(), where, problems));
    }
  }

  @Override
  public TaskOutcome call(String action, JsonNode parameters) {
    Method method = operations.get(action);
    if (method == null || !supports(action)) {
      throw new IllegalStateException(errorPrefix + " does not run the action " + action);
    }
    Object request;
    try {
      request =
          SdkShapeJson.build(
              SdkShapeJson.newBuilder(method.getParameterTypes()[0]),
              parameters.isMissingNode() ? JsonNodeFactory.instance.objectNode() : parameters,
              "Parameters");
    } catch (SdkShapeJson.ShapeMismatch e) {
      return TaskOutcome.failed(
          StatesError.RUNTIME,
          "The Parameters of aws-sdk:"
              + errorPrefix.toLowerCase(Locale.ROOT)
              + ":"
              + action
              + " do not fit its request: "
              + e.getMessage());
    }
    try {
      SdkResponse response = (SdkResponse) method.invoke(client, request);
      return TaskOutcome.succeeded(SdkShapeJson.toJson(response));
    } catch (InvocationTargetException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof AwsServiceException service) {
        return TaskOutcome.failed(
            errorPrefix + "." + service.getClass().getSimpleName(), service.getMessage());
      }
      if (thrown instanceof SdkClientException clientError) {
        return TaskOutcome.failed(errorPrefix + ".SdkClientException", clientError.getMessage());
      }
      if (thrown instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(errorPrefix + "." + action + " failed", thrown);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method, e);
    }
  }

  /** {@code Tag} for the builder of a Tag. */
  private static String shapeName(SdkPojo builder) {
    Class<?> shape = builder.getClass().getEnclosingClass();
    return shape != null ? shape.getSimpleName() : builder.getClass().getSimpleName();
  }

  private static boolean isOperation(Method method) {
    return !Modifier.isStatic(method.getModifiers())
        && method.getParameterCount() == 1
        && SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])
        && SdkResponse.class.isAssignableFrom(method.getReturnType())
        && !NOT_OPERATIONS.contains(method.getName());
  }

  /** {@code describeUserProfile} -> {@code DescribeUserProfile}. */
  static String operationName(String action) {
    return Character.toUpperCase(action.charAt(0)) + action.substring(1);
  }
}
