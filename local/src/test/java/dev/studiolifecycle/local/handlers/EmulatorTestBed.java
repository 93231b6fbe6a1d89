package dev.studiolifecycle.local.handlers;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.sagemaker.AppSeed;
import dev.studiolifecycle.local.emulator.sagemaker.AppStatus;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.lambda.StandardOutputRouter;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.runtime.LocalStepFunctions;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One emulator per test, with the project's handlers deployed on it as template.yaml deploys them:
 * an {@link AwsEmulator} on a virtual clock (port 0), the JVM's SDK configuration pointed at it,
 * the template's managed policies (the roles' permissions boundary) and topics created, and a
 * {@link LambdaRuntime} that instantiates each function's handler through its {@code Map<String,
 * String>} constructor with the function's template environment and maps events and results with
 * the Lambda runtime's own serializers.
 *
 * <p>Every handler call is evaluated against its function's policy in template.yaml, as IAM would.
 * Tests look at the end state through separate SDK clients whose calls carry no caller (an
 * operator's), so the request log tells the handlers' calls from the test's own.
 */
final class EmulatorTestBed implements BeforeEachCallback, AfterEachCallback {

  /** The domain the sample events in {@code events/} name; the template's DomainId here too. */
  static final String DOMAIN_ID = "d-abc123def456";

  static final String ACCOUNT_ID = "123456789012";

  static final String SAGEMAKER_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream handlerOutput = new ByteArrayOutputStream();
  private AwsEmulator emulator;
  private LocalAwsEnvironment environment;
  private LambdaRuntime runtime;
  private SdkHttpClient http;
  private SageMakerClient sageMaker;
  private IamClient iam;
  private SfnClient stepFunctions;
  private LocalStepFunctions served;

  /** The project's root folder (surefire sets {@code studiolifecycle.projectRoot}). */
  static Path projectRoot() {
    return Path.of(System.getProperty("studiolifecycle.projectRoot", ".")).toAbsolutePath();
  }

  /** The existing role the fixtures name: a deployment lets requests use it. */
  static final String TEAM_ROLE_ARN =
      "arn:aws:iam::" + ACCOUNT_ID + ":role/service-role/SageMakerTeamRole";

  /**
   * template.yaml as the fixtures' stack is deployed: {@link #DOMAIN_ID} as its DomainId, and the
   * fixtures' team role allowed as an existing execution role. Loaded once per domain.
   */
  static synchronized SamTemplate template() {
    return template(DOMAIN_ID);
  }

  private static final Map<String, SamTemplate> TEMPLATES = new HashMap<>();

  static synchronized SamTemplate template(String domainId) {
    return TEMPLATES.computeIfAbsent(
        domainId,
        id ->
            SamTemplate.load(
                projectRoot().resolve("template.yaml"),
                Map.of("DomainId", id, "ExistingExecutionRoleArns", TEAM_ROLE_ARN)));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Starts the emulator and deploys the template's resources; {@link #close()} undoes it. */
  void start() {
    // Before any SDK or handler class initializes Log4j: its console appender keeps the
    // System.out it first sees, and the handlers' log lines belong in handlerOutput().
    StandardOutputRouter.install();
    emulator = AwsEmulator.builder().clock(new VirtualClock()).port(0).build().start();
    environment = LocalAwsEnvironment.pointAt(emulator);
    LocalStepFunctions.deployResources(template(), emulator);
    deployFor(DOMAIN_ID);
    http = UrlConnectionHttpClient.create();
    sageMaker = inspector(SageMakerClient.builder()).build();
    iam = inspector(IamClient.builder()).build();
    stepFunctions = inspector(SfnClient.builder()).build();
  }

  /**
   * Runs the handlers as a stack deployed for {@code domainId} would: its function environments,
   * and its policies enforced at every call.
   */
  void deployFor(String domainId) {
    deploy(template(domainId));
  }

  /** Runs the handlers as the fixtures' stack deployed with more template parameters. */
  void deployWith(Map<String, String> parameters) {
    Map<String, String> all = new HashMap<>(parameters);
    all.put("DomainId", DOMAIN_ID);
    all.put("ExistingExecutionRoleArns", TEAM_ROLE_ARN);
    deploy(SamTemplate.load(projectRoot().resolve("template.yaml"), all));
  }

  private void deploy(SamTemplate deployed) {
    emulator.authorizer(
        new TemplatePolicyAuthorizer(deployed, emulator.iam(), emulator.sageMaker()));
    runtime =
        LambdaRuntime.builder(deployed)
            .handlerOutput(new PrintStream(handlerOutput, true, StandardCharsets.UTF_8))
            .clock(emulator.clock())
            .build();
  }

  void close() {
    if (served != null) {
      served.close();
      served = null;
    }
    if (sageMaker != null) {
      sageMaker.close();
      iam.close();
      stepFunctions.close();
      http.close();
    }
    if (environment != null) {
      environment.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B inspector(B builder) {
    return builder
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("inspector", "inspector")))
        .httpClient(http)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  // ---------------------------------------------------------------- the emulator

  AwsEmulator emulator() {
    return emulator;
  }

  void advance(Duration duration) {
    emulator.virtualClock().advance(duration);
  }

  /** SageMaker as the test inspects it (calls marked as the inspector's). */
  SageMakerClient sageMaker() {
    return sageMaker;
  }

  /** IAM as the test inspects it (calls marked as the inspector's). */
  IamClient iam() {
    return iam;
  }

  String seedIamDomain() {
    return emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN_ID, "studio-iam"));
  }

  String seedSsoDomain() {
    emulator.identityCenter().seedUser("jane.doe", "Jane Doe", "jane.doe@example.com");
    return emulator.sageMaker().seedDomain(DomainSeed.sso(DOMAIN_ID, "studio-sso"));
  }

  /**
   * An InService profile in {@link #DOMAIN_ID} that this workflow created for {@code requestId}.
   */
  void seedManagedProfile(String userProfileName, String requestId) {
    emulator
        .sageMaker()
        .seedUserProfile(
            UserProfileSeed.inService(DOMAIN_ID, userProfileName).withTags(managedTags(requestId)));
  }

  /** An app of a user profile in {@link #DOMAIN_ID}, in {@code status}. */
  void seedUserApp(String userProfileName, String appType, String appName, AppStatus status) {
    emulator
        .sageMaker()
        .seedApp(AppSeed.ofUserProfile(DOMAIN_ID, userProfileName, appType, appName, status));
  }

  static Map<String, String> managedTags(String requestId) {
    return Map.of("managed-by", "studio-lifecycle", "studio-lifecycle:request-id", requestId);
  }

  /** Step Functions as the test inspects it (answers once a test serves it on the emulator). */
  SfnClient stepFunctions() {
    return stepFunctions;
  }

  /**
   * Serves Step Functions on the emulator, with the template's state machine deployed; until a test
   * calls this, the emulator answers every Step Functions call as an unknown operation.
   */
  LocalStepFunctions serveStepFunctions() {
    served = LocalStepFunctions.builder(emulator).template(template()).build();
    return served;
  }

  // ---------------------------------------------------------------- the request log

  /** The sequence number of the last call so far: calls after it are "since" this mark. */
  long mark() {
    List<RecordedCall> calls = emulator.requestLog().calls();
    return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).sequence();
  }

  /** Every call a handler made (not the test's inspection calls), in order. */
  List<RecordedCall> handlerCalls() {
    return handlerCallsSince(0);
  }

  List<RecordedCall> handlerCallsSince(long mark) {
    return emulator.requestLog().calls(c -> c.sequence() > mark && c.caller() != null);
  }

  /** The handlers' calls to mutating operations, whether they succeeded or not. */
  List<RecordedCall> mutatingHandlerCallsSince(long mark) {
    return handlerCallsSince(mark).stream().filter(RecordedCall::mutating).toList();
  }

  /**
   * The handlers' mutating calls other than Validate's record of the person's latest request in the
   * event-order table (DynamoDB): what a request changed in Studio, IAM and SNS.
   */
  List<RecordedCall> changesBesideTheEventOrderSince(long mark) {
    return mutatingHandlerCallsSince(mark).stream()
        .filter(call -> !call.service().equals("dynamodb"))
        .toList();
  }

  /** The handlers' mutating calls that succeeded, i.e. that changed something. */
  List<String> mutationsSince(long mark) {
    return mutatingHandlerCallsSince(mark).stream()
        .filter(RecordedCall::succeeded)
        .map(RecordedCall::operation)
        .toList();
  }

  /** {@code Operation} or {@code Operation:ErrorCode} of each handler call since the mark. */
  List<String> operationsSince(long mark) {
    return handlerCallsSince(mark).stream()
        .map(c -> c.operation() + c.error().map(e -> ":" + e).orElse(""))
        .toList();
  }

  // ---------------------------------------------------------------- the functions

  /** The environment template.yaml gives the function with this logical id. */
  Map<String, String> environmentOf(String logicalId) {
    return function(logicalId).environment();
  }

  static FunctionDefinition function(String logicalId) {
    return template()
        .function(logicalId)
        .orElseThrow(() -> new IllegalArgumentException("template.yaml has no " + logicalId));
  }

  /** A sample event of {@code events/}, e.g. {@code list-apps/list-apps.json}, to adapt. */
  static ObjectNode event(String relativePath) {
    try {
      return (ObjectNode)
          JSON.readTree(Files.readString(projectRoot().resolve("events").resolve(relativePath)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read events/" + relativePath, e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  /** What a function error carries: the exception's class name and message. */
  record FunctionError(String errorType, String errorMessage) {
    /** The error name without its package: the class in {@code dev.studiolifecycle.error}. */
    String simpleName() {
      return errorType.substring(errorType.lastIndexOf('.') + 1);
    }
  }

  /** Invokes the function as Lambda would and returns its output; fails on a function error. */
  JsonNode invoke(String logicalId, JsonNode payload) {
    LambdaResponse response = call(logicalId, payload);
    if (response instanceof LambdaResponse.Returned returned) {
      return readPayload(returned.payload());
    }
    return fail(
        "%s should have returned but answered %s%nhandler output:%n%s",
        logicalId, describe(response), handlerOutput());
  }

  /** Invokes the function as Lambda would and returns its error; fails when it returns. */
  FunctionError invokeFailing(String logicalId, JsonNode payload) {
    LambdaResponse response = call(logicalId, payload);
    if (response instanceof LambdaResponse.FunctionError error) {
      JsonNode document = readPayload(error.payload());
      return new FunctionError(error.errorType(), document.path("errorMessage").asText());
    }
    return fail("%s should have failed but answered %s", logicalId, describe(response));
  }

  private LambdaResponse call(String logicalId, JsonNode payload) {
    return runtime.invoke(
        function(logicalId).functionName(), null, json(payload).getBytes(StandardCharsets.UTF_8));
  }

  private static String describe(LambdaResponse response) {
    if (response instanceof LambdaResponse.Returned returned) {
      return new String(returned.payload(), StandardCharsets.UTF_8);
    }
    if (response instanceof LambdaResponse.FunctionError error) {
      return new String(error.payload(), StandardCharsets.UTF_8);
    }
    LambdaResponse.ServiceError error = (LambdaResponse.ServiceError) response;
    return error.errorCode() + ": " + error.message();
  }

  /** What the handlers logged (Powertools JSON lines and EMF metrics). */
  String handlerOutput() {
    return handlerOutput.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode readPayload(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("a function answered something that is not JSON", e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value, e);
    }
  }
}
