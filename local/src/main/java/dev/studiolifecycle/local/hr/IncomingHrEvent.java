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

  /**
   * EventBridge events, each as a rule sees it, with the bus they were put on: {@link #RULES_BUS}
   * for an event whose file does not say (an event as a rule sees it carries no bus).
   */
  record EventBridge(List<BusEvent> events) implements IncomingHrEvent {

    /** The bus the rules for the event's source listen on. */
    public static final String RULES_BUS = "";

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
