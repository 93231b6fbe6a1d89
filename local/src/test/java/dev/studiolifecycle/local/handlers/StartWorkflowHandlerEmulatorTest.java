package dev.studiolifecycle.local.handlers;

import static dev.studiolifecycle.local.handlers.EmulatorTestBed.DOMAIN_ID;
import static dev.studiolifecycle.local.handlers.EmulatorTestBed.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.handler.StartWorkflowHandler;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * StartWorkflowFunction on the emulator, with SNS events mapped by the Lambda runtime's event
 * serializer, against the emulator's Step Functions API with template.yaml's state machine
 * deployed. The executions it starts are not run here (the engine is not driven): what matters is
 * which executions exist, with what name and input.
 */
class StartWorkflowHandlerEmulatorTest {

  private static final String FUNCTION = "StartWorkflowFunction";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  private String stateMachineArn() {
    return bed.environmentOf(FUNCTION).get("STATE_MACHINE_ARN");
  }

  private List<ExecutionListItem> executions() {
    return bed.stepFunctions()
        .listExecutions(r -> r.stateMachineArn(stateMachineArn()))
        .executions();
  }

  private DescribeExecutionResponse describe(String executionArn) {
    return bed.stepFunctions().describeExecution(r -> r.executionArn(executionArn));
  }

  private List<RecordedCall> startExecutions() {
    return bed.handlerCalls().stream()
        .filter(c -> "states".equals(c.service()) && "StartExecution".equals(c.operation()))
        .toList();
  }

  @Test
  void templateGivesTheLifecycleStateMachineAndTheStacksDomain() {
    bed.serveStepFunctions();

    assertThat(stateMachineArn())
        .isEqualTo(
            bed.stepFunctions().listStateMachines(r -> {}).stateMachines().stream()
                .filter(m -> m.name().endsWith("-StudioUserLifecycle"))
                .findFirst()
                .orElseThrow()
                .stateMachineArn());
    assertThat(bed.environmentOf(FUNCTION)).containsEntry("DEFAULT_DOMAIN_ID", DOMAIN_ID);
  }

  @Test
  void hiredMessageStartsAnOnboardingExecutionNamedAfterTheEvent() {
    bed.serveStepFunctions();

    JsonNode result = bed.invoke(FUNCTION, event("start-workflow/employee-hired.json"));

    JsonNode started = result.path("executions").path(0);
    assertThat(result.path("executions").size()).isEqualTo(1);
    assertThat(started.path("requestId").asText()).isEqualTo("hr-2026-000123");
    assertThat(started.path("action").asText()).isEqualTo("ONBOARD");
    assertThat(started.path("executionName").asText()).isEqualTo("hr-2026-000123");
    assertThat(started.path("alreadyStarted").asBoolean()).isFalse();
    String executionArn = started.path("executionArn").asText();
    assertThat(executionArn)
        .isEqualTo(stateMachineArn().replace(":stateMachine:", ":execution:") + ":hr-2026-000123");
    DescribeExecutionResponse execution = describe(executionArn);
    assertThat(execution.statusAsString()).isEqualTo("RUNNING");
    JsonNode input = EmulatorTestBed.parse(execution.input());
    assertThat(input.path("action").asText()).isEqualTo("ONBOARD");
    assertThat(input.path("requestId").asText()).isEqualTo("hr-2026-000123");
    assertThat(input.path("domainId").asText()).isEqualTo("d-abc123def456");
    assertThat(input.path("userProfileName").asText()).isEqualTo("jane-doe");
    assertThat(input.path("email").asText()).isEqualTo("jane.doe@example.com");
    assertThat(input.path("ssoUserName").asText()).isEqualTo("jane.doe");
    assertThat(bed.mutationsSince(0)).containsExactly("StartExecution");
  }

  @Test
  void terminatedMessageWithoutDomainLeavesTheDomainToValidateAndCarriesNoContactData() {
    bed.serveStepFunctions();

    JsonNode result = bed.invoke(FUNCTION, event("start-workflow/employee-terminated.json"));

    JsonNode started = result.path("executions").path(0);
    assertThat(started.path("action").asText()).isEqualTo("OFFBOARD");
    assertThat(started.path("executionName").asText()).isEqualTo("hr-2026-000987");
    JsonNode input = EmulatorTestBed.parse(describe(started.path("executionArn").asText()).input());
    assertThat(input.has("domainId"))
        .as("Validate offboards from every served domain (this stack's one)")
        .isFalse();
    assertThat(input.has("email")).isFalse();
    assertThat(input.has("ssoUserName")).isFalse();
  }

  @Test
  void redeliveryWhileTheExecutionRunsStartsNoSecondOne() {
    bed.serveStepFunctions();
    JsonNode first = bed.invoke(FUNCTION, event("start-workflow/employee-hired.json"));

    JsonNode again = bed.invoke(FUNCTION, event("start-workflow/employee-hired.json"));

    // Step Functions answers the same name and input of a running execution with that execution.
    assertThat(again.at("/executions/0/executionArn"))
        .isEqualTo(first.at("/executions/0/executionArn"));
    assertThat(executions()).hasSize(1);
  }

  @Test
  void redeliveryAfterTheExecutionEndedIsExecutionAlreadyExistsReportedAsAlreadyStarted() {
    bed.serveStepFunctions();
    JsonNode first = bed.invoke(FUNCTION, event("start-workflow/employee-hired.json"));
    String executionArn = first.at("/executions/0/executionArn").asText();
    bed.stepFunctions().stopExecution(r -> r.executionArn(executionArn));
    long mark = bed.mark();

    JsonNode again = bed.invoke(FUNCTION, event("start-workflow/employee-hired.json"));

    // The existing execution's input is compared: the same message is a redelivery.
    assertThat(bed.operationsSince(mark))
        .containsExactly("StartExecution:ExecutionAlreadyExists", "DescribeExecution");
    JsonNode started = again.path("executions").path(0);
    assertThat(started.path("alreadyStarted").asBoolean()).isTrue();
    assertThat(started.path("executionArn").asText()).isEqualTo(executionArn);
    assertThat(started.path("executionName").asText()).isEqualTo("hr-2026-000123");
    assertThat(executions()).hasSize(1);
    assertThat(describe(executionArn).statusAsString()).isEqualTo("ABORTED");
  }

  @Test
  void eventIdThatIsNotAnExecutionNameGetsTheSameCleanedNameOnRedelivery() {
    bed.serveStepFunctions();
    ObjectNode hired = event("start-workflow/employee-hired.json");
    ObjectNode sns = (ObjectNode) hired.at("/Records/0/Sns");
    sns.put("Message", sns.get("Message").asText().replace("hr-2026-000123", "hr/2026:000123"));
    JsonNode first = bed.invoke(FUNCTION, hired);
    bed.stepFunctions()
        .stopExecution(r -> r.executionArn(first.at("/executions/0/executionArn").asText()));

    JsonNode again = bed.invoke(FUNCTION, hired);

    String name = first.at("/executions/0/executionName").asText();
    assertThat(name).matches("hr-2026-000123-[0-9a-f]{16}");
    assertThat(again.at("/executions/0/executionName").asText()).isEqualTo(name);
    assertThat(again.at("/executions/0/alreadyStarted").asBoolean()).isTrue();
    assertThat(again.at("/executions/0/requestId").asText()).isEqualTo("hr/2026:000123");
    assertThat(executions()).hasSize(1);
  }

  @Test
  void batchOfMessagesStartsOneExecutionEach() {
    bed.serveStepFunctions();
    ObjectNode batch = event("start-workflow/employee-hired.json");
    ((ArrayNode) batch.get("Records"))
        .add(event("start-workflow/employee-terminated.json").get("Records").get(0));

    JsonNode result = bed.invoke(FUNCTION, batch);

    assertThat(result.path("executions").size()).isEqualTo(2);
    assertThat(executions())
        .extracting(ExecutionListItem::name)
        .containsExactlyInAnyOrder("hr-2026-000123", "hr-2026-000987");
  }

  @Test
  void malformedMessageIsInvalidHrMessageAndStartsNothing() {
    bed.serveStepFunctions();

    FunctionError error =
        bed.invokeFailing(FUNCTION, event("start-workflow/malformed-message.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.InvalidHrMessage");
    assertThat(error.errorMessage())
        .contains("SNS record 0")
        .contains("employee.userName: is required")
        .contains("eventType")
        .doesNotContain("jane.doe@example.com");
    assertThat(bed.handlerCalls()).isEmpty();
    assertThat(executions()).isEmpty();
  }

  @Test
  void oneMalformedMessageInABatchStartsNoneOfThem() {
    bed.serveStepFunctions();
    ObjectNode batch = event("start-workflow/employee-hired.json");
    ArrayNode records = (ArrayNode) batch.get("Records");
    records.add(event("start-workflow/malformed-message.json").get("Records").get(0));

    FunctionError error = bed.invokeFailing(FUNCTION, batch);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.InvalidHrMessage");
    assertThat(error.errorMessage()).contains("SNS record 1");
    assertThat(bed.handlerCalls()).isEmpty();
    assertThat(executions()).isEmpty();
  }

  @Test
  void throttledStartExecutionIsAwsThrottledAndStartsNothing() {
    bed.serveStepFunctions();
    bed.emulator().faults().throttle("states", "StartExecution", 1, 1);
    bed.stepFunctions()
        .startExecution(r -> r.stateMachineArn(stateMachineArn()).name("uses-the-token"));

    FunctionError error = bed.invokeFailing(FUNCTION, event("start-workflow/employee-hired.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsThrottled");
    assertThat(executions()).extracting(ExecutionListItem::name).containsExactly("uses-the-token");
  }

  @Test
  void unavailableStepFunctionsIsAwsServiceUnavailable() {
    bed.serveStepFunctions();
    bed.emulator()
        .faults()
        .failTimes("states", "StartExecution", InjectedFailure.SERVICE_UNAVAILABLE, 1);

    FunctionError error = bed.invokeFailing(FUNCTION, event("start-workflow/employee-hired.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsServiceUnavailable");
    assertThat(executions()).isEmpty();
    JsonNode retry = bed.invoke(FUNCTION, event("start-workflow/employee-hired.json"));
    assertThat(retry.at("/executions/0/alreadyStarted").asBoolean()).isFalse();
    assertThat(executions()).hasSize(1);
  }

  @Test
  void withoutStepFunctionsServedTheStepFailsWithATypedError() {
    FunctionError error = bed.invokeFailing(FUNCTION, event("start-workflow/employee-hired.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsRequestFailed");
    assertThat(error.errorMessage()).contains("UnknownOperationException");
    assertThat(startExecutions()).hasSize(1);
  }

  @Test
  void handlerBuiltWithoutItsTemplateEnvironmentFailsAtColdStartNamingTheVariable() {
    assertThatThrownBy(() -> new StartWorkflowHandler(Map.of()))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("STATE_MACHINE_ARN");
  }
}
