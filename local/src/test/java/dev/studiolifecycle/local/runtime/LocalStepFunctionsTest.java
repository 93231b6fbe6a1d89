package dev.studiolifecycle.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.task.LambdaResponse;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.lambda.LambdaRuntime;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.TemplateException;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Step Functions of the local runtime: template.yaml's state machine deployed at start and run
 * through the API with the project's real handlers, in virtual time.
 */
class LocalStepFunctionsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path ROOT = Path.of(System.getProperty("studiolifecycle.projectRoot", ".."));
  private static final String LIFECYCLE_ARN =
      "arn:aws:states:us-east-1:123456789012:stateMachine:studio-lifecycle-StudioUserLifecycle";
  private static final String DOMAIN = LocalWorkflowRuntime.DEFAULT_DOMAIN_ID;

  @TempDir Path dir;

  private LocalWorkflowRuntime runtime;
  private EmulatorClients clients;
  private SfnClient sfn;

  @BeforeEach
  void start() {
    runtime = LocalWorkflowRuntime.builder(ROOT).build();
    runtime.emulator().sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "studio-local"));
    clients = new EmulatorClients(runtime.emulator());
    sfn = clients.sfn;
  }

  @AfterEach
  void stop() {
    clients.close();
    runtime.close();
  }

  @Test
  void theTemplatesStateMachinesAreDeployedWhenTheRuntimeStarts() {
    assertThat(sfn.listStateMachines().stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactlyInAnyOrder(
            "studio-lifecycle-StudioUserLifecycle", "studio-lifecycle-Reconcile");
    var described = sfn.describeStateMachine(r -> r.stateMachineArn(LIFECYCLE_ARN));
    assertThat(described.definition())
        .doesNotContain("${")
        .contains("arn:aws:lambda:us-east-1:123456789012:function:ValidateFunction:live");
    assertThat(runtime.lifecycleStateMachine().arn()).isEqualTo(LIFECYCLE_ARN);
    assertThat(runtime.stepFunctions().stateMachine("StudioUserLifecycleStateMachine"))
        .contains(runtime.lifecycleStateMachine());
  }

  @Test
  void offboardingAUserWhoDoesNotExistValidatesThenNotifiesThroughTheApi() throws Exception {
    String input =
        "{\"action\": \"OFFBOARD\", \"domainId\": \""
            + DOMAIN
            + "\", "
            + "\"userProfileName\": \"ghost-user\", \"requestId\": \"hr-2026-000999\"}";
    String executionArn =
        sfn.startExecution(
                r -> r.stateMachineArn(LIFECYCLE_ARN).name("hr-2026-000999").input(input))
            .executionArn();

    Execution execution = runtime.awaitExecution(executionArn);

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
    assertThat(described.statusAsString()).isEqualTo("SUCCEEDED");
    JsonNode output = MAPPER.readTree(described.output());
    assertThat(output.at("/validated/nothingToDo").asBoolean()).isTrue();
    assertThat(output.at("/validated/request/userProfileName").asText()).isEqualTo("ghost-user");
    List<String> entered =
        sfn.getExecutionHistory(r -> r.executionArn(executionArn)).events().stream()
            .filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
            .map(HistoryEvent::stateEnteredEventDetails)
            .map(d -> d.name())
            .toList();
    assertThat(entered).containsExactly("Validate", "NotifyAlreadyOffboarded");

    PublishedMessage message = runtime.notifications().get(0);
    assertThat(runtime.notifications()).hasSize(1);
    assertThat(message.topicArn())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:NotificationTopic");
    assertThat(message.subject()).isEqualTo("Already offboarded ghost-user");
    assertThat(message.attribute("outcome")).contains("SUCCEEDED");
    JsonNode body = MAPPER.readTree(message.message());
    assertThat(body.get("nothingToDo").asBoolean()).isTrue();
    assertThat(body.get("executionArn").asText()).isEqualTo(executionArn);
    assertThat(body.get("requestId").asText()).isEqualTo("hr-2026-000999");
    assertThat(runtime.emulator().requestLog().calls("sagemaker", "DescribeUserProfile"))
        .isNotEmpty();
  }

  @Test
  void theStartWorkflowHandlerStartsOneExecutionPerEventAndARedeliveryStartsNothingNew()
      throws Exception {
    LambdaRuntime functions =
        LambdaRuntime.builder(runtime.template())
            .handlerOutput(new PrintStream(OutputStream.nullOutputStream()))
            .clock(runtime.clock())
            .build();
    byte[] event =
        Files.readAllBytes(ROOT.resolve("events/start-workflow/employee-terminated.json"));

    JsonNode first = returned(functions.invoke("StartWorkflowFunction", null, event));
    String executionArn =
        LIFECYCLE_ARN.replace(":stateMachine:", ":execution:") + ":hr-2026-000987";
    assertThat(first.at("/executions/0/executionArn").asText()).isEqualTo(executionArn);
    assertThat(first.at("/executions/0/alreadyStarted").asBoolean()).isFalse();
    assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).statusAsString())
        .isEqualTo("RUNNING");

    // SNS delivers again while the execution runs: the same name and input is the same call.
    JsonNode whileRunning = returned(functions.invoke("StartWorkflowFunction", null, event));
    assertThat(whileRunning.at("/executions/0/executionArn").asText()).isEqualTo(executionArn);
    assertThat(runtime.engine().executions()).hasSize(1);

    Execution execution = runtime.awaitExecution(executionArn);
    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.input().get("userProfileName").asText()).isEqualTo("jane-doe");
    assertThat(execution.input().has("domainId"))
        .as("a termination naming no domain: the stack's one domain, which Validate fills in")
        .isFalse();

    // ... and after it ended: ExecutionAlreadyExists, which the handler reports as started.
    JsonNode afterwards = returned(functions.invoke("StartWorkflowFunction", null, event));
    assertThat(afterwards.at("/executions/0/alreadyStarted").asBoolean()).isTrue();
    assertThat(runtime.engine().executions()).hasSize(1);
    assertThat(runtime.notifications()).hasSize(1);
    assertThat(runtime.emulator().requestLog().calls("states", "StartExecution"))
        .extracting(call -> call.error().orElse("ok"))
        .containsExactly("ok", "ok", "ExecutionAlreadyExists");
  }

  private static JsonNode returned(LambdaResponse response) throws Exception {
    assertThat(response).isInstanceOf(LambdaResponse.Returned.class);
    return MAPPER.readTree(((LambdaResponse.Returned) response).payload());
  }

  @Test
  void withoutATemplateLambdaTasksAreAcceptedAndFailAsLambdaWouldWhenTheyRun() throws Exception {
    try (AwsEmulator emulator = AwsEmulator.builder().clock(new VirtualClock()).build().start();
        LocalStepFunctions bare = LocalStepFunctions.builder(emulator).build()) {
      StateMachine machine =
          bare.stepFunctions()
              .createStateMachine(
                  "calls-lambda",
                  "{\"StartAt\": \"Call\", \"States\": {\"Call\": {\"Type\": \"Task\","
                      + " \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:Nowhere\","
                      + " \"End\": true}}}",
                  "arn:aws:iam::123456789012:role/states");

      Execution execution = bare.engine().run(machine, "run", MAPPER.readTree("{}"));

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("Lambda.ResourceNotFoundException");
      assertThat(emulator.serviceNames()).contains("states");
    }
  }

  @Test
  void anInvalidStateMachineInTheTemplateFailsTheDeploymentNamingTheResource() throws Exception {
    Path template = dir.resolve("template.yaml");
    Files.writeString(
        template,
        String.join(
            "\n",
            "Transform: AWS::Serverless-2016-10-31",
            "Resources:",
            "  Broken:",
            "    Type: AWS::Serverless::StateMachine",
            "    Properties:",
            "      Definition:",
            "        StartAt: Missing",
            "        States:",
            "          Done: {Type: Succeed}",
            ""));
    try (AwsEmulator emulator = AwsEmulator.builder().clock(new VirtualClock()).build().start()) {
      assertThatThrownBy(
              () ->
                  LocalStepFunctions.builder(emulator).template(SamTemplate.load(template)).build())
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("Resources.Broken: CreateStateMachine answered InvalidDefinition")
          .hasMessageContaining("StartAt");
    }
  }

  @Test
  void aDomainIdWithoutDefaultComesFromTheScenarioOrTheLocalDefault() throws Exception {
    Path template = ROOT.resolve("template.yaml");
    assertThat(LocalStepFunctions.parameters(template, Map.of(), null))
        .containsEntry("DomainId", DOMAIN);
    var scenario =
        ScenarioLoader.parse(
            "{\"sagemaker\": {\"domains\": [{\"domainId\": \"d-fromscenario\", "
                + "\"domainName\": \"s\", \"authMode\": \"IAM\"}]}}",
            "inline");
    assertThat(LocalStepFunctions.parameters(template, Map.of(), scenario))
        .containsEntry("DomainId", "d-fromscenario");
    assertThat(LocalStepFunctions.parameters(template, Map.of("DomainId", "d-given"), scenario))
        .containsEntry("DomainId", "d-given");
    Path noDomain = dir.resolve("other.yaml");
    Files.writeString(noDomain, "Parameters:\n  Other: {Type: String}\nResources: {}\n");
    assertThat(LocalStepFunctions.parameters(noDomain, Map.of(), null)).isEmpty();
  }
}
