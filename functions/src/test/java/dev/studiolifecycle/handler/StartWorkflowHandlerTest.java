package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.error.InvalidHrMessage;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.StartWorkflowResult;
import dev.studiolifecycle.service.WorkflowStarter;
import dev.studiolifecycle.service.config.WorkflowSettings;
import dev.studiolifecycle.testing.LogCapture;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

class StartWorkflowHandlerTest {

  private static final String MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:StudioUserLifecycle";

  private final SfnClient sfn = mock(SfnClient.class);
  private final StartWorkflowHandler handler =
      new StartWorkflowHandler(
          new WorkflowStarter(sfn, new WorkflowSettings(MACHINE, "d-default")));

  @ParameterizedTest
  @Event(value = "start-workflow/employee-hired.json", type = SNSEvent.class)
  void startsTheWorkflowOfTheFixture(SNSEvent event) {
    when(sfn.startExecution(any(StartExecutionRequest.class)))
        .thenReturn(StartExecutionResponse.builder().executionArn("arn:exec").build());
    StartWorkflowResult result;
    try (LogCapture logs = LogCapture.start()) {
      result = handler.handleRequest(event, new TestContext("StartWorkflowFunction"));
      assertThat(logs.text()).contains("\"correlation_id\":\"hr-2026-000123\"");
      assertThat(logs.text()).doesNotContain("jane.doe@example.com");
    }
    assertThat(result.executions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.action()).isEqualTo(Action.ONBOARD);
              assertThat(s.executionName()).isEqualTo("hr-2026-000123");
            });
  }

  @ParameterizedTest
  @Event(value = "start-workflow/malformed-message.json", type = SNSEvent.class)
  void rejectsTheMalformedFixtureAndLogsNoPersonalData(SNSEvent event) {
    try (LogCapture logs = LogCapture.start()) {
      assertThatThrownBy(() -> handler.handleRequest(event, new TestContext()))
          .isInstanceOf(InvalidHrMessage.class)
          .hasMessageContaining("employee.userName: is required");
      assertThat(logs.text()).contains("rejected HR message").doesNotContain("jane");
    }
    verifyNoInteractions(sfn);
  }

  @Test
  void needsTheStateMachineArn() {
    assertThatThrownBy(() -> new StartWorkflowHandler(Map.of()))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("environment variable STATE_MACHINE_ARN is required");
    assertThat(new StartWorkflowHandler(Map.of("STATE_MACHINE_ARN", MACHINE))).isNotNull();
  }
}
