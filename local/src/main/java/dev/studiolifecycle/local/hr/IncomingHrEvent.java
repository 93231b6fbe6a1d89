package dev.studiolifecycle.local.hr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import java.util.List;

/**
 * An HR event as it reaches AWS: over EventBridge (events on a bus, as rules see them), or over SNS
 * (the SNSEvent that the StartWorkflow function receives). {@link HrEventReader} tells which one a
 * file holds.
 */
public sealed interface IncomingHrEvent {

  /** EventBridge events, each as a rule sees it, with the bus they were put on. */
  record EventBridge(List<BusEvent> events) implements IncomingHrEvent {
    public EventBridge {
      events = List.copyOf(events);
    }
  }

  /**
   * Messages delivered by SNS, as the Lambda SNSEvent payload ({@code {"Records": [...]}}) that
   * StartWorkflow receives.
   */
  record Sns(JsonNode lambdaEvent) implements IncomingHrEvent {
    public Sns {
      lambdaEvent = lambdaEvent.deepCopy();
    }

    public int messages() {
      return lambdaEvent.path("Records").size();
    }
  }
}
