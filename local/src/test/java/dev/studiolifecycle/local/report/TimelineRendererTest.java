package dev.studiolifecycle.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineRendererTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void showsOffsetStateEventAndError() {
    List<HistoryEvent> events =
        List.of(
            new HistoryEvent(
                1,
                0,
                T0,
                HistoryEventType.ExecutionStarted,
                null,
                new EventDetails.ExecutionStarted("{}", "arn:role")),
            new HistoryEvent(
                2,
                0,
                T0,
                HistoryEventType.TaskStateEntered,
                "Validate",
                new EventDetails.StateEntered("Validate", "{}")),
            new HistoryEvent(
                3,
                2,
                T0.plus(Duration.ofSeconds(125)),
                HistoryEventType.TaskFailed,
                "Validate",
                new EventDetails.TaskFailure(
                    "lambda",
                    "invoke",
                    "dev.studiolifecycle.error.ValidationError",
                    "{\"errorMessage\":\"userProfileName is required\",\"errorType\":"
                        + "\"dev.studiolifecycle.error.ValidationError\",\"stackTrace\":[]}")),
            new HistoryEvent(
                4,
                3,
                T0.plus(Duration.ofMillis(125_250)),
                HistoryEventType.ExecutionFailed,
                null,
                new EventDetails.ExecutionFailure(
                    "dev.studiolifecycle.error.ValidationError", "plain cause")));
    assertThat(TimelineRenderer.render(events))
        .isEqualTo(
            "+00:00:00                ExecutionStarted\n"
                + "+00:00:00      Validate  TaskStateEntered\n"
                + "+00:02:05      Validate  TaskFailed        dev.studiolifecycle.error.ValidationError"
                + ": userProfileName is required\n"
                + "+00:02:05.250            ExecutionFailed   dev.studiolifecycle.error.ValidationError"
                + ": plain cause\n");
  }

  @Test
  void showsMapItemsAndLongCausesShortened() {
    List<HistoryEvent> events =
        List.of(
            new HistoryEvent(
                1,
                0,
                T0,
                HistoryEventType.MapStateStarted,
                "DeleteApps",
                new EventDetails.MapStateStarted(3)),
            new HistoryEvent(
                2,
                1,
                T0,
                HistoryEventType.MapIterationStarted,
                "DeleteApps",
                new EventDetails.MapIteration("DeleteApps", 2)),
            new HistoryEvent(
                3,
                2,
                T0,
                HistoryEventType.ExecutionFailed,
                null,
                new EventDetails.ExecutionFailure(null, "x".repeat(500))));
    String timeline = TimelineRenderer.render(events);
    assertThat(timeline)
        .contains("MapStateStarted      3 items")
        .contains("MapIterationStarted  item 2")
        .contains("(no error name): xxx")
        .contains("...");
    assertThat(timeline.lines().mapToInt(String::length).max().orElse(0)).isLessThan(320);
  }

  @Test
  void anEmptyHistoryRendersAsNothing() {
    assertThat(TimelineRenderer.render(List.of())).isEmpty();
  }
}
