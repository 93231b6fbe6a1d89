package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.studiolifecycle.error.InvalidHrMessage;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.StartWorkflowResult;
import dev.studiolifecycle.model.StartedWorkflow;
import dev.studiolifecycle.service.config.WorkflowSettings;
import dev.studiolifecycle.testing.AwsErrors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

class WorkflowStarterTest {

  private static final String MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:StudioUserLifecycle";
  private static final String EXECUTION =
      "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-2026-000123";

  private final SfnClient sfn = mock(SfnClient.class);
  private final WorkflowStarter starter =
      new WorkflowStarter(sfn, new WorkflowSettings(MACHINE, "d-default"));

  private static SNSEvent event(String... messages) {
    SNSEvent event = new SNSEvent();
    event.setRecords(
        Arrays.stream(messages)
            .map(
                m -> {
                  SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
                  SNSEvent.SNS sns = new SNSEvent.SNS();
                  sns.setMessage(m);
                  sns.setMessageId("id-" + m.hashCode());
                  record.setSns(sns);
                  return record;
                })
            .toList());
    return event;
  }

  @Test
  void startsAnOnboardingNamedAfterTheEventCarryingWhenItOccurred() {
    when(sfn.startExecution(any(StartExecutionRequest.class)))
        .thenReturn(StartExecutionResponse.builder().executionArn(EXECUTION).build());
    StartWorkflowResult result =
        starter.start(EventLoader.loadSNSEvent("start-workflow/employee-hired.json"));

    ArgumentCaptor<StartExecutionRequest> sent =
        ArgumentCaptor.forClass(StartExecutionRequest.class);
    verify(sfn).startExecution(sent.capture());
    assertThat(sent.getValue().stateMachineArn()).isEqualTo(MACHINE);
    assertThat(sent.getValue().name()).isEqualTo("hr-2026-000123");
    assertThat(sent.getValue().input())
        .isEqualTo(
            "{\"action\":\"ONBOARD\",\"requestId\":\"hr-2"
                + "026-000123\",\"domainId\":\"d-abc123def456\","
                + "\"userProfileName\":\"jane-doe\",\"email\":\"jane.doe@example.com\","
                + "\"ssoUserName\":\"jane.doe\",\"occurredAt\":\"2026-01-02T09:14:58Z\"}");
    assertThat(result.executions())
        .containsExactly(
            new StartedWorkflow(
                "hr-2026-000123", Action.ONBOARD, "hr-2026-000123", EXECUTION, false));
  }

  @Test
  void anOffboardingThatNamesNoDomainLeavesItToValidateAndCarriesNoContactData() {
    when(sfn.startExecution(any(StartExecutionRequest.class)))
        .thenReturn(StartExecutionResponse.builder().executionArn("arn:x").build());
    starter.start(EventLoader.loadSNSEvent("start-workflow/employee-terminated.json"));
    ArgumentCaptor<StartExecutionRequest> sent =
        ArgumentCaptor.forClass(StartExecutionRequest.class);
    verify(sfn).startExecution(sent.capture());
    assertThat(sent.getValue().input())
        .isEqualTo(
            "{\"action\":\"OFFBOARD\",\"requestId\":\"hr-2026-000987\","
                + "\"userProfileName\":\"jane-doe\",\"occurredAt\":\"2026-01-04T17:00:00Z\"}");
  }

  @Test
  void aTransferUpdatesToTheTeamAndCarriesNoContactData() {
    when(sfn.startExecution(any(StartExecutionRequest.class)))
        .thenReturn(StartExecutionResponse.builder().executionArn("arn:x").build());
    starter.start(EventLoader.loadSNSEvent("start-workflow/employee-transferred.json"));
    ArgumentCaptor<StartExecutionRequest> sent =
        ArgumentCaptor.forClass(StartExecutionRequest.class);
    verify(sfn).startExecution(sent.capture());
    assertThat(sent.getValue().input())
        .isEqualTo(
            "{\"action\":\"UPDATE\",\"requestId\":\"hr-2026-000555\",\"domainId\":\"d-default\","
                + "\"userProfileName\":\"frank\",\"team\":\"risk\",\"occurredAt\":\"2026-01-04T08:00:00Z\"}");
  }

  @Test
  void aRedeliveredMessageFindsItsExecutionStarted() {
    when(sfn.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(AwsErrors.executionAlreadyExists());
    SNSEvent hire = EventLoader.loadSNSEvent("start-workflow/employee-hired.json");
    theExecutionWasStartedBy(hire);

    StartWorkflowResult result = starter.start(hire);

    assertThat(result.executions())
        .containsExactly(
            new StartedWorkflow(
                "hr-2026-000123", Action.ONBOARD, "hr-2026-000123", EXECUTION, true));
  }

  @Test
  void anEventIdReusedForAnotherMessageIsRefusedLoudlyNotDropped() {
    when(sfn.startExecution(any(StartExecutionRequest.class)))
        .thenThrow(AwsErrors.executionAlreadyExists());
    // The execution of hr-2026-000123 was a hire; this message is a termination with that id.
    when(sfn.describeExecution(any(DescribeExecutionRequest.class)))
        .thenReturn(
            DescribeExecutionResponse.builder()
                .input(
                    "{\"action\":\"ONBOARD\",\"requestId\":\"hr-2026-000123\","
                        + "\"domainId\":\"d-abc123def456\",\"userProfileName\":\"jane-doe\","
                        + "\"email\":\"jane.doe@example.com\"}")
                .build());

    assertThatThrownBy(
            () ->
                starter.start(
                    event(
                        "{\"eventId\": \"hr-2026-000123\", \"eventType\": \"Employee"
                            + " Terminated\", \"employee\": {\"userName\": \"jane-doe\"},"
                            + " \"studio\": {\"domainId\": \"d-abc123def456\"}}")))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessageContaining("eventId: hr-2026-000123 was already used by another message")
        .hasMessageContaining("differs in action, email")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jane.doe@"));
  }

  /** The execution already started is the one this same message started before. */
  private void theExecutionWasStartedBy(SNSEvent event) {
    SfnClient recorder = mock(SfnClient.class);
    ArgumentCaptor<StartExecutionRequest> sent =
        ArgumentCaptor.forClass(StartExecutionRequest.class);
    when(recorder.startExecution(sent.capture()))
        .thenReturn(StartExecutionResponse.builder().executionArn(EXECUTION).build());
    new WorkflowStarter(recorder, new WorkflowSettings(MACHINE, "d-default")).start(event);
    when(sfn.describeExecution(any(DescribeExecutionRequest.class)))
        .thenReturn(DescribeExecutionResponse.builder().input(sent.getValue().input()).build());
  }

  @Test
  void aMalformedMessageStartsNothingAndNamesTheFields() {
    assertThatThrownBy(
            () -> starter.start(EventLoader.loadSNSEvent("start-workflow/malformed-message.json")))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage(
            "SNS record 0: employee.userName: is required; "
                + "eventType: must be Employee Hired, Employee Terminated, Employee Rehired or "
                + "Employee Transferred")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jane"));
    verifyNoInteractions(sfn);
  }

  @Test
  void oneBadRecordStartsNoneOfTheOthers() {
    String good =
        "{\"eventId\":\"e1\",\"eventType\":\"Employee Hired\",\"employee\":{\"userName\":\"a\"}}";
    assertThatThrownBy(() -> starter.start(event(good, "not json")))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage("SNS record 1: message: is not valid JSON (line 1, column 1)");
    verifyNoInteractions(sfn);
  }

  @Test
  void withoutADomainAnywhereTheMessageIsRejected() {
    WorkflowStarter noDefault = new WorkflowStarter(sfn, new WorkflowSettings(MACHINE, null));
    String message =
        "{\"eventId\":\"e1\",\"eventType\":\"Employee Hired\",\"employee\":{\"userName\":\"a\"}}";
    assertThatThrownBy(() -> noDefault.start(event(message)))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage(
            "SNS record 0: studio.domainId: is required (DEFAULT_DOMAIN_ID is not configured)");
    verifyNoInteractions(sfn);
  }

  @Test
  void anEventWithoutRecordsIsRejected() {
    SNSEvent empty = new SNSEvent();
    empty.setRecords(List.of());
    assertThatThrownBy(() -> starter.start(empty))
        .isInstanceOf(InvalidHrMessage.class)
        .hasMessage("Records: the SNS event has no records");
  }

  @Test
  void computesTheExecutionArn() {
    assertThat(starter.executionArn("hr-1"))
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-1");
  }
}
