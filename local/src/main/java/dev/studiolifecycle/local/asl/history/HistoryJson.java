package dev.studiolifecycle.local.asl.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes history events in the shape of the GetExecutionHistory response ({@code events} items), so
 * a Step Functions API can serve them as they are. Timestamps are epoch seconds with millisecond
 * fractions, as the JSON protocol of the API carries them.
 */
public final class HistoryJson {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private HistoryJson() {}

  /** {@code {"events": [...]}}. */
  public static ObjectNode toResponse(List<HistoryEvent> events) {
    ObjectNode response = JSON.objectNode();
    ArrayNode array = response.putArray("events");
    events.forEach(event -> array.add(toJson(event)));
    return response;
  }

  public static ObjectNode toJson(HistoryEvent event) {
    ObjectNode json = JSON.objectNode();
    json.put("timestamp", BigDecimal.valueOf(event.timestamp().toEpochMilli(), 3));
    json.put("type", event.type().name());
    json.put("id", event.id());
    json.put("previousEventId", event.previousEventId());
    event
        .type()
        .detailsKey()
        .ifPresent(
            key -> {
              ObjectNode details = details(event.details());
              if (details != null) {
                json.set(key, details);
              }
            });
    return json;
  }

  private static ObjectNode details(EventDetails details) {
    ObjectNode json = JSON.objectNode();
    if (details instanceof EventDetails.None) {
      return null;
    } else if (details instanceof EventDetails.ExecutionStarted d) {
      payload(json, "input", d.input());
      json.put("roleArn", d.roleArn());
    } else if (details instanceof EventDetails.ExecutionSucceeded d) {
      payload(json, "output", d.output());
    } else if (details instanceof EventDetails.ExecutionFailure d) {
      errorAndCause(json, d.error(), d.cause());
    } else if (details instanceof EventDetails.StateEntered d) {
      json.put("name", d.name());
      payload(json, "input", d.input());
    } else if (details instanceof EventDetails.StateExited d) {
      stateExited(json, d);
    } else if (details instanceof EventDetails.TaskScheduled d) {
      taskScheduled(json, d);
    } else if (details instanceof EventDetails.TaskStarted d) {
      json.put("resourceType", d.resourceType());
      json.put("resource", d.resource());
    } else if (details instanceof EventDetails.TaskSucceeded d) {
      json.put("resourceType", d.resourceType());
      json.put("resource", d.resource());
      payload(json, "output", d.output());
    } else if (details instanceof EventDetails.TaskFailure d) {
      json.put("resourceType", d.resourceType());
      json.put("resource", d.resource());
      errorAndCause(json, d.error(), d.cause());
    } else if (details instanceof EventDetails.LambdaFunctionScheduled d) {
      json.put("resource", d.resource());
      payload(json, "input", d.input());
      if (d.timeoutInSeconds() > 0) {
        json.put("timeoutInSeconds", d.timeoutInSeconds());
      }
    } else if (details instanceof EventDetails.LambdaFunctionSucceeded d) {
      payload(json, "output", d.output());
    } else if (details instanceof EventDetails.LambdaFunctionFailure d) {
      errorAndCause(json, d.error(), d.cause());
    } else if (details instanceof EventDetails.MapStateStarted d) {
      json.put("length", d.length());
    } else if (details instanceof EventDetails.ExecutionRedriven d) {
      json.put("redriveCount", d.redriveCount());
    } else if (details instanceof EventDetails.MapRunRedriven d) {
      json.put("mapRunArn", d.mapRunArn());
      json.put("redriveCount", d.redriveCount());
    } else if (details instanceof EventDetails.MapRunStarted d) {
      json.put("mapRunArn", d.mapRunArn());
    } else if (details instanceof EventDetails.MapIteration d) {
      json.put("name", d.name());
      json.put("index", d.index());
    }
    return json;
  }

  private static void stateExited(ObjectNode json, EventDetails.StateExited d) {
    json.put("name", d.name());
    payload(json, "output", d.output());
    if (!d.assignedVariables().isEmpty()) {
      ObjectNode assigned = json.putObject("assignedVariables");
      d.assignedVariables().forEach(assigned::put);
      json.putObject("assignedVariablesDetails").put("truncated", false);
    }
  }

  private static void taskScheduled(ObjectNode json, EventDetails.TaskScheduled d) {
    json.put("resourceType", d.resourceType());
    json.put("resource", d.resource());
    json.put("region", d.region());
    json.put("parameters", d.parameters());
    if (d.timeoutInSeconds() > 0) {
      json.put("timeoutInSeconds", d.timeoutInSeconds());
    }
    if (d.heartbeatInSeconds() > 0) {
      json.put("heartbeatInSeconds", d.heartbeatInSeconds());
    }
  }

  private static void payload(ObjectNode json, String field, String value) {
    json.put(field, value);
    json.putObject(field + "Details").put("truncated", false);
  }

  private static void errorAndCause(ObjectNode json, String error, String cause) {
    if (error != null) {
      json.put("error", error);
    }
    if (cause != null) {
      json.put("cause", cause);
    }
  }
}
