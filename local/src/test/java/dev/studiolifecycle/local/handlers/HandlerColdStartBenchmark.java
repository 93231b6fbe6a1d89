package dev.studiolifecycle.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.iam.ManagedPolicySeed;
import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.SpaceSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.lambda.LocalLambdaContext;
import dev.studiolifecycle.local.lambda.StandardOutputRouter;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.ManagedPolicyResource;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * A cold-start proxy for one handler: in a fresh JVM, starts the emulator, seeds what the handler
 * needs, then builds the handler through its {@code Map<String, String>} constructor with the
 * template's environment and invokes it once with its sample event (mapped by the Lambda runtime's
 * serializers), printing the milliseconds from JVM start to each point. Run by hand, one JVM per
 * handler, from the project root, never by the build:
 *
 * <pre>
 * mvn -B -q verify   # builds local/target/studio-lifecycle-local.jar and the test classes
 * for f in ValidateFunction CreateExecutionRoleFunction CreateUserProfileFunction \
 *     DeleteUserResourcesFunction CheckStatusFunction \
 *     DeleteExecutionRoleFunction StartWorkflowFunction ExecutionEndFunction; do
 *   java -cp local/target/test-classes:local/target/studio-lifecycle-local.jar \
 *     dev.studiolifecycle.local.handlers.HandlerColdStartBenchmark "$f"
 * done
 * </pre>
 *
 * The emulator and template work before construction is the harness's, not the handler's: the
 * handler's own cold start is "construct" (configuration, SDK clients) plus "first invocation"
 * (class loading, serializers, the first HTTP call of each client).
 */
public final class HandlerColdStartBenchmark {

  private static final String DOMAIN_ID = "d-abc123def456";
  private static final String USER = "jane-doe";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HandlerColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long atMain = System.currentTimeMillis();
    if (args.length != 1) {
      System.err.println("usage: HandlerColdStartBenchmark <function logical id>");
      System.exit(2);
    }
    String logicalId = args[0];
    // Before anything initializes Log4j, so the handlers' log lines can be kept off stdout.
    StandardOutputRouter.install();
    Path root = Path.of(System.getProperty("studiolifecycle.projectRoot", "."));
    SamTemplate template =
        SamTemplate.load(root.resolve("template.yaml"), Map.of("DomainId", DOMAIN_ID));
    FunctionDefinition function =
        template
            .function(logicalId)
            .orElseThrow(() -> new IllegalArgumentException("template.yaml has no " + logicalId));
    byte[] payload = payload(root, logicalId);

    try (AwsEmulator emulator = AwsEmulator.builder().clock(new VirtualClock()).build().start();
        LocalAwsEnvironment pointed = LocalAwsEnvironment.pointAt(emulator)) {
      seed(emulator, template, logicalId);
      long ready = System.currentTimeMillis();

      // What Lambda's process environment gives Powertools; the local runtime does the same.
      MetricsFactory.getMetricsInstance()
          .setNamespace(function.environment().get("POWERTOOLS_METRICS_NAMESPACE"));
      PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
      Object handler = StandardOutputRouter.divertedTo(discard, () -> construct(function));
      long constructed = System.currentTimeMillis();
      String outcome =
          StandardOutputRouter.divertedTo(
              discard, () -> invoke(handler, payload, emulator.clock()));
      long invoked = System.currentTimeMillis();

      System.out.printf(
          "%-28s main %5d ms | emulator+seed ready %5d ms | constructed %5d ms (+%4d) |"
              + " first invocation done %5d ms (+%4d) | %s%n",
          logicalId,
          atMain - jvmStart,
          ready - jvmStart,
          constructed - jvmStart,
          constructed - ready,
          invoked - jvmStart,
          invoked - constructed,
          outcome);
    }
    // A library leaves a non-daemon worker thread behind after a successful invocation; in
    // Lambda the sandbox is frozen, here the one-shot JVM just ends.
    System.exit(0);
  }

  private static byte[] payload(Path root, String logicalId) throws IOException {
    String event =
        switch (logicalId) {
          case "ValidateFunction" -> "validate/onboard-minimal.json";
          case "CreateExecutionRoleFunction" -> "create-execution-role/create-role.json";
          case "CreateUserProfileFunction" -> "create-user-profile/iam-domain.json";
          case "DeleteUserResourcesFunction" -> "delete-user-resources/start.json";
          case "CheckStatusFunction" -> "check-status/await-profile-ready.json";
          case "DeleteExecutionRoleFunction" -> "delete-execution-role/delete-execution-role.json";
          case "StartWorkflowFunction" -> "start-workflow/employee-hired.json";
          case "ExecutionEndFunction" -> "execution-end/execution-timed-out.json";
          default -> throw new IllegalArgumentException("no sample event for " + logicalId);
        };
    ObjectNode json =
        (ObjectNode) JSON.readTree(Files.readAllBytes(root.resolve("events/" + event)));
    if (logicalId.equals("CreateExecutionRoleFunction")) {
      // The sample asks for a policy that the template's allow-list refuses.
      ((ObjectNode) json.at("/request/executionRole/create")).remove("managedPolicyArns");
    }
    return JSON.writeValueAsBytes(json);
  }

  /** What exists before the handler runs; Java API only, so no SDK class is loaded early. */
  private static void seed(AwsEmulator emulator, SamTemplate template, String logicalId)
      throws IOException {
    for (ManagedPolicyResource policy : template.managedPolicies()) {
      emulator
          .iam()
          .seedManagedPolicy(
              new ManagedPolicySeed(
                  policy.policyName(),
                  policy.path(),
                  JSON.writeValueAsString(policy.policyDocument())));
    }
    var sageMaker = emulator.sageMaker();
    sageMaker.seedDomain(DomainSeed.iam(DOMAIN_ID, "studio-iam"));
    if (logicalId.equals("CreateUserProfileFunction")) {
      emulator
          .iam()
          .seedRole(
              RoleSeed.sageMakerExecutionRole("SageMakerTeamRole").withPath("/service-role/"));
      return;
    }
    sageMaker.seedUserProfile(
        UserProfileSeed.inService(DOMAIN_ID, USER)
            .withTags(Map.of("managed-by", "studio-lifecycle")));
    if (logicalId.equals("DeleteUserProfileFunction")) {
      // Offboarding has removed the apps and spaces by then; the deletion goes through.
      return;
    }
    sageMaker.seedSpace(SpaceSeed.privateSpace(DOMAIN_ID, "jane-doe-private", USER));
    sageMaker.seedApp(
        AppSeed.ofSpace(
            DOMAIN_ID, "jane-doe-private", "JupyterLab", "default", AppStatus.IN_SERVICE));
    sageMaker.seedApp(
        AppSeed.ofUserProfile(DOMAIN_ID, USER, "JupyterServer", "default", AppStatus.IN_SERVICE));
    emulator
        .iam()
        .seedRole(
            new RoleSeed(
                "studio-jane-doe",
                "/studio-lifecycle/",
                null,
                null,
                null,
                Map.of("managed-by", "studio-lifecycle", "studio-lifecycle:user-profile", USER),
                List.of("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"),
                Map.of()));
  }

  private static Object construct(FunctionDefinition function) {
    try {
      return Class.forName(function.handlerClass())
          .getConstructor(Map.class)
          .newInstance(function.environment());
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(function.logicalId() + " failed to start", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(function.logicalId() + " has no Map constructor", e);
    }
  }

  /** One invocation as the Java runtime makes it: JSON in, JSON (or an error) out. */
  private static String invoke(Object handler, byte[] payload, Clock clock) {
    String functionName = handler.getClass().getSimpleName();
    Context context =
        new LocalLambdaContext(
            "cold-start-benchmark",
            functionName,
            "$LATEST",
            "arn:aws:lambda:us-east-1:123456789012:function:" + functionName,
            "cold-start-benchmark",
            1024,
            clock.instant().plusSeconds(60),
            clock,
            System.out);
    try {
      if (handler instanceof RequestStreamHandler stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.handleRequest(new ByteArrayInputStream(payload), out, context);
        return "returned " + out.size() + " bytes";
      }
      Method method =
          Arrays.stream(handler.getClass().getMethods())
              .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
              .filter(m -> m.getParameterCount() == 2)
              .findFirst()
              .orElseThrow();
      Class<?> inputType = method.getParameterTypes()[0];
      Object input = serializer(inputType).fromJson(new ByteArrayInputStream(payload));
      Object output = method.invoke(handler, input, context);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      serializer(method.getReturnType()).toJson(output, out);
      return "returned " + out.size() + " bytes";
    } catch (InvocationTargetException e) {
      return "failed with " + e.getCause().getClass().getName();
    } catch (IOException | ReflectiveOperationException e) {
      throw new IllegalStateException("cannot invoke " + handler.getClass().getName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Class<?> type) {
    if (type == SNSEvent.class) {
      return (PojoSerializer<Object>)
          (PojoSerializer<?>)
              LambdaEventSerializers.serializerFor(
                  SNSEvent.class, HandlerColdStartBenchmark.class.getClassLoader());
    }
    return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
  }
}
