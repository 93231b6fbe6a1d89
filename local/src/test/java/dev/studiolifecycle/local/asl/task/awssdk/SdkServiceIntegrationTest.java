package dev.studiolifecycle.local.asl.task.awssdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.runtime.LocalStepFunctions;
import dev.studiolifecycle.local.time.VirtualClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * aws-sdk:sagemaker|iam|sns|sts|sfn tasks against the emulator: Parameters and results in
 * PascalCase, errors named as Step Functions names them, definitions checked before they run.
 */
class SdkServiceIntegrationTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DOMAIN = "d-studiolocal01";

  private AwsEmulator emulator;
  private LocalStepFunctions stepFunctions;
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeEach
  void start() {
    emulator = AwsEmulator.builder().clock(new VirtualClock()).build().start();
    stepFunctions = LocalStepFunctions.builder(emulator).build();
    emulator.sageMaker().seedDomain(DomainSeed.iam(DOMAIN, "studio"));
  }

  @AfterEach
  void stop() {
    stepFunctions.close();
    emulator.close();
  }

  /** A one-Task state machine whose errors are caught into $.error. */
  private static String task(String resource, String parameters) {
    return ("{'StartAt': 'Call', 'States': {'Call': {'Type': 'Task', "
            + "'Resource': 'arn:aws:states:::aws-sdk:"
            + resource
            + "', "
            + "'Parameters': "
            + parameters
            + ", 'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.error', 'Next':"
            + " 'Caught'}],'End': true}, 'Caught': {'Type': 'Pass', 'End': true}}}")
        .replace('\'', '"');
  }

  private Execution run(String definition, String input) throws Exception {
    StateMachine machine =
        stepFunctions
            .stepFunctions()
            .createStateMachine(
                "machine-" + runs.incrementAndGet(),
                definition,
                "arn:aws:iam::123456789012:role/states");
    return stepFunctions.engine().run(machine, "run", MAPPER.readTree(input));
  }

  private JsonNode output(String definition, String input) throws Exception {
    Execution execution = run(definition, input);
    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    return execution.output().orElseThrow();
  }

  @Test
  void aJsonServiceAnswersInPascalCaseWithIsoTimestamps() throws Exception {
    JsonNode out =
        output(
            task("sagemaker:describeDomain", "{'DomainId.$': '$.domainId'}"),
            "{\"domainId\": \"" + DOMAIN + "\"}");

    assertThat(out.get("DomainId").asText()).isEqualTo(DOMAIN);
    assertThat(out.get("DomainName").asText()).isEqualTo("studio");
    assertThat(out.get("Status").asText()).isEqualTo("InService");
    assertThat(out.get("CreationTime").asText()).isEqualTo("2026-01-05T09:00:00.000Z");
    assertThat(out.has("domainId")).isFalse();
  }

  @Test
  void queryServicesTakeNestedListsAndAnswerWithStructures() throws Exception {
    JsonNode created =
        output(
            task(
                "iam:createRole",
                "{'RoleName': 'jane-doe', "
                    + "'Path': '/studio-lifecycle/', 'AssumeRolePolicyDocument': "
                    + "'{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\":"
                    + " \\\"Allow\\\", \\\"Principal\\\": {\\\"Service\\\":"
                    + " \\\"sagemaker.amazonaws.com\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\"}]}', "
                    + "'Tags': [{'Key': 'managed-by', 'Value': 'studio-lifecycle'}]}"),
            "{}");
    assertThat(created.at("/Role/Arn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/jane-doe");

    JsonNode role = output(task("iam:getRole", "{'RoleName': 'jane-doe'}"), "{}");
    assertThat(role.at("/Role/RoleName").asText()).isEqualTo("jane-doe");
    assertThat(role.at("/Role/Tags/0/Key").asText()).isEqualTo("managed-by");
    assertThat(role.at("/Role/CreateDate").asText()).endsWith("Z");

    JsonNode identity = output(task("sts:getCallerIdentity", "{}"), "{}");
    assertThat(identity.get("Account").asText()).isEqualTo("123456789012");

    JsonNode topic = output(task("sns:createTopic", "{'Name': 'notifications'}"), "{}");
    assertThat(topic.get("TopicArn").asText())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:notifications");
    JsonNode published =
        output(
            task(
                "sns:publish",
                "{'TopicArn.$': '$.topic', 'Message': 'hello', 'MessageAttributes': {'outcome':"
                    + " {'DataType': 'String', 'StringValue': 'SUCCEEDED'}}}"),
            "{\"topic\": \"" + topic.get("TopicArn").asText() + "\"}");
    assertThat(published.get("MessageId").asText()).isNotBlank();
    assertThat(emulator.sns().publishedMessages())
        .singleElement()
        .satisfies(message -> assertThat(message.message()).isEqualTo("hello"));
  }

  @Test
  void sfnTasksStartAndDescribeExecutionsOfTheSameEmulator() throws Exception {
    StateMachine child =
        stepFunctions
            .stepFunctions()
            .createStateMachine(
                "child",
                "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\":"
                    + " true}}}",
                "arn:aws:iam::123456789012:role/states");

    JsonNode started =
        output(
            task(
                "sfn:startExecution",
                "{'StateMachineArn.$': '$.arn', "
                    + "'Name': 'from-a-task', 'Input.$': 'States.JsonToString($.input)'}"),
            "{\"arn\": \"" + child.arn() + "\", \"input\": {\"hello\": \"child\"}}");
    assertThat(started.get("ExecutionArn").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:child:from-a-task");
    assertThat(started.get("StartDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");

    stepFunctions.engine().runUntilIdle();
    JsonNode described =
        output(
            task("sfn:describeExecution", "{'ExecutionArn.$': '$.arn'}"),
            "{\"arn\": \"" + started.get("ExecutionArn").asText() + "\"}");
    assertThat(described.get("Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(MAPPER.readTree(described.get("Output").asText()))
        .isEqualTo(MAPPER.readTree("{\"hello\": \"child\"}"));
  }

  @Test
  void serviceErrorsAreNamedAfterTheSdkClientAndExceptionClass() throws Exception {
    JsonNode missingProfile =
        output(
                task(
                    "sagemaker:describeUserProfile",
                    "{'DomainId': '" + DOMAIN + "', 'UserProfileName': 'ghost'}"),
                "{}")
            .get("error");
    assertThat(missingProfile.get("Error").asText())
        .isEqualTo("SageMaker.ResourceNotFoundException");
    assertThat(missingProfile.get("Cause").asText())
        .contains("(Service: SageMaker, Status Code: 400");

    // ValidationException is not in SageMaker's model: the SDK's base exception names it.
    JsonNode invalid =
        output(
                task(
                    "sagemaker:createUserProfile",
                    "{'DomainId': '" + DOMAIN + "', 'UserProfileName': 'bad_name'}"),
                "{}")
            .get("error");
    assertThat(invalid.get("Error").asText()).isEqualTo("SageMaker.SageMakerException");

    assertThat(
            output(task("iam:getRole", "{'RoleName': 'ghost'}"), "{}").at("/error/Error").asText())
        .isEqualTo("Iam.NoSuchEntityException");
    assertThat(
            output(
                    task(
                        "sns:publish",
                        "{'TopicArn': "
                            + "'arn:aws:sns:us-east-1:123456789012:missing', 'Message': 'hi'}"),
                    "{}")
                .at("/error/Error")
                .asText())
        .isEqualTo("Sns.NotFoundException");
    assertThat(
            output(
                    task(
                        "sfn:describeExecution",
                        "{'ExecutionArn': "
                            + "'arn:aws:states:us-east-1:123456789012:execution:child:ghost'}"),
                    "{}")
                .at("/error/Error")
                .asText())
        .isEqualTo("Sfn.ExecutionDoesNotExistException");
  }

  @Test
  void parametersThatDoNotFitTheRequestAreRefusedBeforeTheExecutionStarts() {
    String definition =
        task(
            "sagemaker:describeUserProfile",
            "{'DomainId': 'd-1', 'UserProfileNam.$': '$.name', " + "'Extra': {'Deep': 1}}");
    assertThatThrownBy(
            () -> stepFunctions.engine().checkRunnable(StateMachineDefinition.parse(definition)))
        .isInstanceOf(DefinitionException.class)
        .satisfies(
            e ->
                assertThat(((DefinitionException) e).problems())
                    .containsExactly(
                        "State 'Call', field 'Parameters.UserProfileNam': describeUserProfile has"
                            + " no member 'UserProfileNam' (it has: DomainId, UserProfileName)",
                        "State 'Call', field 'Parameters.Extra': describeUserProfile has no member"
                            + " 'Extra' (it has: DomainId, UserProfileName)"));

    String nested =
        task(
            "iam:createRole",
            "{'RoleName': 'r', 'AssumeRolePolicyDocument': '{}', "
                + "'Tags': [{'Key': 'k', 'Valu': 'v'}]}");
    assertThatThrownBy(
            () -> stepFunctions.engine().checkRunnable(StateMachineDefinition.parse(nested)))
        .hasMessageContaining("field 'Parameters.Tags[0].Valu': Tag has no member 'Valu'");
  }

  @Test
  void actionsTheEmulatorDoesNotServeOrTheSdkDoesNotHaveAreRefused() {
    assertThatThrownBy(
            () ->
                stepFunctions
                    .engine()
                    .checkRunnable(
                        StateMachineDefinition.parse(
                            task("sagemaker:listNotebookInstances", "{}"))))
        .hasMessageContaining("State 'Call', field 'Resource'")
        .hasMessageContaining("does not implement 'listNotebookInstances'");
    assertThatThrownBy(
            () ->
                stepFunctions
                    .engine()
                    .checkRunnable(
                        StateMachineDefinition.parse(task("sagemaker:frobnicate", "{}"))))
        .hasMessageContaining("does not implement 'frobnicate'");
    assertThatThrownBy(
            () ->
                stepFunctions
                    .engine()
                    .checkRunnable(StateMachineDefinition.parse(task("dynamodb:getItem", "{}"))))
        .hasMessageContaining("no AWS SDK integration is registered for 'dynamodb'");
  }

  @Test
  void aValueOfTheWrongTypeFailsTheExecutionWithStatesRuntime() throws Exception {
    Execution execution =
        run(
            task("sagemaker:listApps", "{'DomainIdEquals': 'd-1', 'MaxResults.$': '$.max'}"),
            "{\"max\": \"ten\"}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause())
        .hasValueSatisfying(
            cause ->
                assertThat(cause)
                    .contains("aws-sdk:sagemaker:listApps")
                    .contains("Parameters.MaxResults: must be a number, got STRING"));
  }

  @Test
  void theIntegrationOffersEveryClientOperationTheEndpointServes() {
    SdkServiceIntegration integration =
        SdkServiceIntegration.of(
            SageMakerClient.class,
            SageMakerClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .build(),
            operation -> operation.startsWith("DescribeUser"));

    assertThat(integration.errorPrefix()).isEqualTo("SageMaker");
    assertThat(integration.actions()).containsExactly("describeUserProfile");
    assertThat(integration.supports("describeDomain")).isFalse();
  }
}
