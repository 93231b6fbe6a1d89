package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;

/** One event on an event bus, as EventBridge hands it to rules. */
public record BusEvent(String eventBusName, JsonNode event) {

  public BusEvent {
    event = event.deepCopy();
  }

  public String detailType() {
    return event.path("detail-type").asText();
  }
}
