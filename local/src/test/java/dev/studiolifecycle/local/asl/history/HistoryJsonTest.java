package dev.studiolifecycle.local.asl.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GetExecutionHistory shape of events. */
class HistoryJsonTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00.250Z");

  @Test
  void writesTheApiShapeWithDetailsUnderTheirKey() throws Exception {
    String json =
        new ObjectMapper()
            .writeValueAsString(
                HistoryJson.toResponse(
                    List.of(
                        new HistoryEvent(
                            1,
                            0,
                            T0,
                            HistoryEventType.ExecutionStarted,
                            null,
                            new EventDetails.ExecutionStarted(
                                "{\"a\":1}", "arn:aws:iam::123456789012:role/r")),
                        new HistoryEvent(
                            2,
                            0,
                            T0,
                            HistoryEventType.TaskStateEntered,
                            "T",
                            new EventDetails.StateEntered("T", "{\"a\":1}")),
                        new HistoryEvent(
                            3,
                            2,
                            T0,
                            HistoryEventType.TaskScheduled,
                            "T",
                            new EventDetails.TaskScheduled(
                                "lambda", "invoke", "us-east-1", "{}", 30, 0)),
                        new HistoryEvent(
                            4,
                            3,
                            T0,
                            HistoryEventType.LambdaFunctionStarted,
                            "T",
                            EventDetails.none()),
                        new HistoryEvent(
                            5,
                            4,
                            T0,
                            HistoryEventType.TaskFailed,
                            "T",
                            new EventDetails.TaskFailure("lambda", "invoke", "E", null)),
                        new HistoryEvent(
                            6,
                            5,
                            T0,
                            HistoryEventType.MapIterationAborted,
                            "M",
                            new EventDetails.MapIteration("M", 3)))));
    assertThat(json)
        .isEqualTo(
            "{\"events\":["
                + "{\"timestamp\":1767603600.250,\"type\":\"ExecutionStarted\",\"id\":1,"
                + "\"previousEventId\":0,\"executionStartedEventDetails\":{\"input\":\"{\\\"a\\\":1}\","
                + "\"inputDetails\":{\"truncated\":false},\"roleArn\":\"arn:aws:iam::123456789012:role/r\""
                + "}},"
                + "{\"timestamp\":1767603600.250,\"type\":\"TaskStateEntered\",\"id\":2,"
                + "\"previousEventId\":0,\"stateEnteredEventDetails\":{\"name\":\"T\",\"input\":"
                + "\"{\\\"a\\\":1}\",\"inputDetails\":{\"truncated\":false}}},"
                + "{\"timestamp\":1767603600.250,\"type\":\"TaskScheduled\",\"id\":3,"
                + "\"previousEventId\":2,\"taskScheduledEventDetails\":{\"resourceType\":\"lambda\","
                + "\"resource\":\"invoke\",\"region\":\"us-east-1\",\"parameters\":\"{}\","
                + "\"timeoutInSeconds\":30}},"
                + "{\"timestamp\":1767603600.250,\"type\":\"LambdaFunctionStarted\",\"id\":4,"
                + "\"previousEventId\":3},"
                + "{\"timestamp\":1767603600.250,\"type\":\"TaskFailed\",\"id\":5,\"previousEventId\":4,"
                + "\"taskFailedEventDetails\":{\"resourceType\":\"lambda\",\"resource\":\"invoke\","
                + "\"error\":\"E\"}},"
                + "{\"timestamp\":1767603600.250,\"type\":\"MapIterationAborted\",\"id\":6,"
                + "\"previousEventId\":5,\"mapIterationAbortedEventDetails\":{\"name\":\"M\","
                + "\"index\":3}}]}");
  }
}
