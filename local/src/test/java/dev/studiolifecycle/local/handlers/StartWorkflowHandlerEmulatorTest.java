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
import dev.studiolifecycle.local.handlers.EmulatorTestBed.FunctionError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * StartWorkflowFunction on the emulator, with SNS events mapped by the Lambda runtime's event
 * serializer. The emulator alone does not run state machines (Step Functions answers once a
 * workflow runtime plugs in), so these tests check what the handler sends and refuses; starting and
 * redelivering executions is proven where the workflow runtime serves Step Functions.
 */
class StartWorkflowHandlerEmulatorTest {

  private static final String FUNCTION = "StartWorkflowFunction";

  @RegisterExtension final EmulatorTestBed bed = new EmulatorTestBed();

  private String stateMachineArn() {
    return bed.environmentOf(FUNCTION).get("STATE_MACHINE_ARN");
  }

  private List<RecordedCall> startExecutions() {
    return bed.handlerCalls().stream()
        .filter(c -> "states".equals(c.service()) && "StartExecution".equals(c.operation()))
        .toList();
  }

  @Test
  void templateGivesTheLifecycleStateMachineAndTheStacksDomain() {
    Map<String, String> environment = bed.environmentOf(FUNCTION);

    assertThat(stateMachineArn())
        .matches("arn:aws:states:us-east-1:123456789012:stateMachine:[A-Za-z0-9_-]+")
        .endsWith("-StudioUserLifecycle");
    assertThat(environment).containsEntry("DEFAULT_DOMAIN_ID", DOMAIN_ID);
  }

  @Test
  void malformedMessageIsInvalidHrMessageAndStartsNothing() {
    FunctionError error =
        bed.invokeFailing(FUNCTION, event("start-workflow/malformed-message.json"));

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.InvalidHrMessage");
    assertThat(error.errorMessage())
        .contains("SNS record 0")
        .contains("employee.userName: is required")
        .contains("eventType")
        .doesNotContain("jane.doe@example.com");
    assertThat(bed.handlerCalls()).isEmpty();
  }

  @Test
  void oneMalformedMessageInABatchStartsNoneOfThem() {
    ObjectNode batch = event("start-workflow/employee-hired.json");
    ArrayNode records = (ArrayNode) batch.get("Records");
    records.add(event("start-workflow/malformed-message.json").get("Records").get(0));

    FunctionError error = bed.invokeFailing(FUNCTION, batch);

    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.InvalidHrMessage");
    assertThat(error.errorMessage()).contains("SNS record 1");
    assertThat(bed.handlerCalls()).isEmpty();
  }

  @Test
  void hiredMessageAsksStepFunctionsForAnExecutionNamedAfterTheEvent() {
    FunctionError error = bed.invokeFailing(FUNCTION, event("start-workflow/employee-hired.json"));

    // The bare emulator serves no Step Functions: the answer is a typed failure, not swallowed.
    assertThat(error.errorType()).isEqualTo("dev.studiolifecycle.error.AwsRequestFailed");
    assertThat(error.errorMessage()).contains("UnknownOperationException");
    List<RecordedCall> starts = startExecutions();
    assertThat(starts).hasSize(1);
    JsonNode request = starts.get(0).parameters();
    assertThat(request.path("stateMachineArn").asText()).isEqualTo(stateMachineArn());
    assertThat(request.path("name").asText()).isEqualTo("hr-2026-000123");
    JsonNode input = EmulatorTestBed.parse(request.path("input").asText());
    assertThat(input.path("action").asText()).isEqualTo("ONBOARD");
    assertThat(input.path("requestId").asText()).isEqualTo("hr-2026-000123");
    assertThat(input.path("domainId").asText()).isEqualTo("d-abc123def456");
    assertThat(input.path("userProfileName").asText()).isEqualTo("jane-doe");
    assertThat(input.path("email").asText()).isEqualTo("jane.doe@example.com");
    assertThat(input.path("ssoUserName").asText()).isEqualTo("jane.doe");
  }

  @Test
  void terminatedMessageWithoutDomainUsesTheTemplatesDomainAndDropsContactData() {
    bed.invokeFailing(FUNCTION, event("start-workflow/employee-terminated.json"));

    JsonNode request = startExecutions().get(0).parameters();
    assertThat(request.path("name").asText()).isEqualTo("hr-2026-000987");
    JsonNode input = EmulatorTestBed.parse(request.path("input").asText());
    assertThat(input.path("action").asText()).isEqualTo("OFFBOARD");
    assertThat(input.path("domainId").asText()).isEqualTo(DOMAIN_ID);
    assertThat(input.has("email")).isFalse();
    assertThat(input.has("ssoUserName")).isFalse();
  }

  @Test
  void eventIdThatIsNotAnExecutionNameGetsTheSameCleanedNameOnRedelivery() {
    ObjectNode hired = event("start-workflow/employee-hired.json");
    ObjectNode sns = (ObjectNode) hired.at("/Records/0/Sns");
    sns.put("Message", sns.get("Message").asText().replace("hr-2026-000123", "hr/2026:000123"));

    bed.invokeFailing(FUNCTION, hired);
    bed.invokeFailing(FUNCTION, hired);

    List<String> names =
        startExecutions().stream().map(c -> c.parameters().path("name").asText()).toList();
    assertThat(names).hasSize(2);
    assertThat(names.get(0)).matches("hr-2026-000123-[0-9a-f]{16}").isEqualTo(names.get(1));
  }

  @Test
  void handlerBuiltWithoutItsTemplateEnvironmentFailsAtColdStartNamingTheVariable() {
    assertThatThrownBy(() -> new StartWorkflowHandler(Map.of()))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageContaining("STATE_MACHINE_ARN");
  }
}
