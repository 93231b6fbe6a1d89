package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.testing.Fixtures;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionTimedOutEventDetails;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.StateExitedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskSucceededEventDetails;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

class ExecutionEndNotifierTest {

  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:notifications";

  private final SfnClient sfn = mock(SfnClient.class);
  private final SnsClient sns = mock(SnsClient.class);
  private final ExecutionEndNotifier notifier = new ExecutionEndNotifier(sfn, sns, TOPIC);

  private void history(HistoryEvent... newestFirst) {
    when(sfn.getExecutionHistory(any(GetExecutionHistoryRequest.class)))
        .thenReturn(GetExecutionHistoryResponse.builder().events(newestFirst).build());
  }

  private static JsonNode timedOut() {
    try {
      return ModelJson.readTree(Fixtures.text("execution-end/execution-timed-out.json"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final String STATE =
      "{\"validated\": {\"request\": {\"action\": \"OFFBOARD\", \"userProfileName\": \"jane-doe\","
          + " \"domainId\": \"d-studiolocal01\", \"email\": \"jane.doe@example.com\"},"
          + " \"correlation\": {\"requestId\": \"hr-2026-000417\"}},"
          + " \"deletion\": {\"apps\": {\"count\": 3}, \"spaces\": {\"count\": 1},"
          + " \"userProfile\": \"NOT_STARTED\"}, \"role\": null, \"profile\": null}";

  @Test
  void anEndTheExecutionDidNotTellIsToldOnceWithWhatItHadDoneAndNoRequest() throws Exception {
    history(
        HistoryEvent.builder()
            .type(HistoryEventType.EXECUTION_TIMED_OUT)
            .executionTimedOutEventDetails(
                ExecutionTimedOutEventDetails.builder()
                    .error("States.Timeout")
                    .cause("no end in 21600 s, jane.doe@example.com")
                    .build())
            .build(),
        HistoryEvent.builder()
            .type(HistoryEventType.TASK_STATE_ENTERED)
            .stateEnteredEventDetails(
                StateEnteredEventDetails.builder().name("AwaitDeletions").build())
            .build(),
        HistoryEvent.builder()
            .type(HistoryEventType.WAIT_STATE_EXITED)
            .stateExitedEventDetails(
                StateExitedEventDetails.builder().name("WaitForDeletions").output(STATE).build())
            .build());

    assertThat(notifier.handle(timedOut())).isEqualTo(ExecutionEndNotifier.Outcome.TOLD);

    ArgumentCaptor<Consumer<PublishRequest.Builder>> sent = ArgumentCaptor.captor();
    verify(sns).publish(sent.capture());
    PublishRequest.Builder builder = PublishRequest.builder();
    sent.getValue().accept(builder);
    PublishRequest request = builder.build();
    assertThat(request.topicArn()).isEqualTo(TOPIC);
    assertThat(request.subject()).isEqualTo("Execution hr-2026-000417 ended TIMED_OUT");
    assertThat(request.messageAttributes().get("outcome").stringValue()).isEqualTo("FAILED");
    assertThat(request.messageAttributes().get("action").stringValue()).isEqualTo("OFFBOARD");
    JsonNode message = ModelJson.readTree(request.message());
    assertThat(message.path("status").asText()).isEqualTo("TIMED_OUT");
    assertThat(message.path("error").asText()).isEqualTo("States.Timeout");
    assertThat(message.path("lastState").asText()).isEqualTo("AwaitDeletions");
    assertThat(message.path("userProfileName").asText()).isEqualTo("jane-doe");
    assertThat(message.path("requestId").asText()).isEqualTo("hr-2026-000417");
    assertThat(message.at("/offboarding/appsFound").asInt()).isEqualTo(3);
    assertThat(request.message()).doesNotContain("@example.com").doesNotContain("\"email\"");
  }

  @Test
  void anExecutionThatPublishedItsOwnNotificationIsNotToldTwice() {
    history(published(), scheduledPublish("FAILED"));

    assertThat(notifier.handle(timedOut())).isEqualTo(ExecutionEndNotifier.Outcome.ALREADY_TOLD);
    verifyNoInteractions(sns);
  }

  @Test
  void theNoticeAtRevokeTimeIsNoEndsMessage() {
    // Newest first: an offboarding that sent its REVOKED notice, then was aborted in retention.
    history(published(), scheduledPublish("REVOKED"));

    assertThat(notifier.handle(timedOut())).isEqualTo(ExecutionEndNotifier.Outcome.TOLD);
    ArgumentCaptor<Consumer<PublishRequest.Builder>> sent = ArgumentCaptor.captor();
    verify(sns).publish(sent.capture());
  }

  private static HistoryEvent published() {
    return HistoryEvent.builder()
        .type(HistoryEventType.TASK_SUCCEEDED)
        .taskSucceededEventDetails(
            TaskSucceededEventDetails.builder().resourceType("sns").resource("publish").build())
        .build();
  }

  private static HistoryEvent scheduledPublish(String outcome) {
    return HistoryEvent.builder()
        .type(HistoryEventType.TASK_SCHEDULED)
        .taskScheduledEventDetails(
            TaskScheduledEventDetails.builder()
                .resourceType("sns")
                .resource("publish")
                .region("us-east-1")
                .parameters(
                    "{\"MessageAttributes\":{\"outcome\":{\"DataType\":\"String\","
                        + "\"StringValue\":\""
                        + outcome
                        + "\"}}}")
                .build())
        .build();
  }

  @Test
  void aSucceededExecutionHasToldAndIsNotLookedAt() throws Exception {
    JsonNode event = timedOut();
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("detail"))
        .put("status", "SUCCEEDED");

    assertThat(notifier.handle(event)).isEqualTo(ExecutionEndNotifier.Outcome.ALREADY_TOLD);
    verifyNoInteractions(sfn, sns);
  }

  @Test
  void anEventWithoutAnExecutionIsAValidationError() {
    assertThatThrownBy(() -> notifier.handle(ModelJson.readTree("{\"detail\": {}}")))
        .isInstanceOf(ValidationError.class)
        .hasMessage("detail.executionArn: is required");
    verifyNoInteractions(sfn, sns);
  }
}
