package dev.studiolifecycle.local.hr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventPatternException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads HR events in the shapes they reach AWS in: an EventBridge event (as a rule sees it),
 * PutEvents entries (as the HR system sends them), an SNS notification (the JSON SNS delivers to
 * HTTP and SQS subscribers) or a Lambda SNSEvent (what StartWorkflow receives, or one record of
 * it).
 */
public final class HrEventReader {

  /** Fields every event on an event bus has. */
  public static final List<String> ENVELOPE =
      List.of(
          "version",
          "id",
          "detail-type",
          "source",
          "account",
          "time",
          "region",
          "resources",
          "detail");

  private HrEventReader() {}

  /** Reads a file; see {@link #parse}. */
  public static IncomingHrEvent read(Path file, Instant now) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new EventPatternException(file + ": cannot be read: " + e.getMessage());
    }
    return parse(text, file.toString(), now);
  }

  /**
   * Tells the shape of an HR event and reads it.
   *
   * @param where names the event in errors (a file name)
   * @param now the time EventBridge gives events made from PutEvents entries
   * @throws EventPatternException naming the field at fault, or the shapes accepted
   */
  public static IncomingHrEvent parse(String text, String where, Instant now) {
    JsonNode json;
    try {
      json = LocalJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new EventPatternException(where + ": is not JSON: " + LocalJson.problem(e));
    }
    if (json != null && json.isObject() && json.has("detail-type")) {
      return new IncomingHrEvent.EventBridge(List.of(busEvent(json, where)));
    }
    if (json != null && json.isObject() && json.has("Records")) {
      return lambdaSnsEvent(json, where);
    }
    if (json != null && json.isObject() && json.has("Sns")) {
      ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
      wrapped.putArray("Records").add(json);
      return lambdaSnsEvent(wrapped, where);
    }
    if (json != null && json.isObject() && "Notification".equals(json.path("Type").asText())) {
      return snsNotification(json, where);
    }
    if (json != null && json.isObject() && json.has("Entries")) {
      return putEventsEntries(json.get("Entries"), where + ": Entries", now);
    }
    if (json != null && (json.isArray() || json.has("DetailType"))) {
      return putEventsEntries(json, where, now);
    }
    throw new EventPatternException(
        where
            + ": is not an HR event in a shape this command knows: "
            + "an EventBridge event (with detail-type), PutEvents entries (with DetailType), an SNS "
            + "notification (Type Notification) or a Lambda SNSEvent (Records[].Sns)");
  }

  private static BusEvent busEvent(JsonNode event, String where) {
    List<String> missing = new ArrayList<>();
    for (String field : ENVELOPE) {
      if (!event.has(field)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw new EventPatternException(
          where
              + ": the EventBridge event misses "
              + String.join(", ", missing)
              + " (EventBridge always sets them)");
    }
    if (!event.get("detail").isObject()) {
      throw new EventPatternException(where + ": detail: must be a JSON object");
    }
    return new BusEvent(IncomingHrEvent.EventBridge.RULES_BUS, event);
  }

  private static IncomingHrEvent.EventBridge putEventsEntries(
      JsonNode entries, String where, Instant now) {
    List<JsonNode> list = new ArrayList<>();
    if (entries.isArray()) {
      entries.forEach(list::add);
    } else {
      list.add(entries);
    }
    if (list.isEmpty()) {
      throw new EventPatternException(where + ": has no entries");
    }
    List<BusEvent> events = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String at = where + "[" + i + "]";
      for (String field : List.of("Source", "DetailType", "Detail")) {
        if (!entry.path(field).isTextual()) {
          throw new EventPatternException(at + "." + field + ": is required (a string)");
        }
      }
      JsonNode detail;
      try {
        detail = LocalJson.MAPPER.readTree(entry.get("Detail").asText());
      } catch (JsonProcessingException e) {
        throw new EventPatternException(at + ".Detail: is not JSON: " + LocalJson.problem(e));
      }
      if (detail == null || !detail.isObject()) {
        throw new EventPatternException(at + ".Detail: must be a JSON object");
      }
      ObjectNode event = LocalJson.MAPPER.createObjectNode();
      event.put("version", "0");
      // EventBridge gives every event a fresh id; the entry and index make it repeatable here.
      event.put(
          "id",
          UUID.nameUUIDFromBytes((entry.toString() + "#" + i).getBytes(StandardCharsets.UTF_8))
              .toString());
      event.put("detail-type", entry.get("DetailType").asText());
      event.put("source", entry.get("Source").asText());
      event.put("account", LocalAccount.ACCOUNT_ID);
      event.put("time", (entry.has("Time") ? entry.get("Time").asText() : now.toString()));
      event.put("region", LocalAccount.REGION);
      ArrayNode resources = event.putArray("resources");
      entry.path("Resources").forEach(resources::add);
      event.set("detail", detail);
      String bus = entry.path("EventBusName").asText("default");
      int slash = bus.lastIndexOf("event-bus/");
      events.add(new BusEvent(slash >= 0 ? bus.substring(slash + 10) : bus, event));
    }
    return new IncomingHrEvent.EventBridge(events);
  }

  private static IncomingHrEvent.Sns lambdaSnsEvent(JsonNode event, String where) {
    JsonNode records = event.get("Records");
    if (!records.isArray() || records.isEmpty()) {
      throw new EventPatternException(where + ": Records: must list at least one record");
    }
    for (int i = 0; i < records.size(); i++) {
      JsonNode sns = records.get(i).get("Sns");
      if (sns == null || !sns.isObject() || !sns.path("Message").isTextual()) {
        throw new EventPatternException(
            where
                + ": Records["
                + i
                + "].Sns.Message: is required "
                + "(the HR message, a string)");
      }
    }
    return new IncomingHrEvent.Sns(event);
  }

  private static IncomingHrEvent.Sns snsNotification(JsonNode notification, String where) {
    for (String field : List.of("MessageId", "TopicArn", "Message")) {
      if (!notification.path(field).isTextual()) {
        throw new EventPatternException(
            where + ": " + field + ": is required in an SNS " + "notification");
      }
    }
    ObjectNode record = LocalJson.MAPPER.createObjectNode();
    record.put("EventSource", "aws:sns");
    record.put("EventVersion", "1.0");
    record.put(
        "EventSubscriptionArn",
        notification.get("TopicArn").asText() + ":00000000-0000-0000-0000-000000000000");
    ObjectNode sns = record.putObject("Sns");
    // SNS's notification JSON and the SNSEvent record differ only in two field names.
    notification
        .fields()
        .forEachRemaining(
            field ->
                sns.set(
                    switch (field.getKey()) {
                      case "SigningCertURL" -> "SigningCertUrl";
                      case "UnsubscribeURL" -> "UnsubscribeUrl";
                      default -> field.getKey();
                    },
                    field.getValue()));
    ObjectNode event = LocalJson.MAPPER.createObjectNode();
    event.putArray("Records").add(record);
    return new IncomingHrEvent.Sns(event);
  }
}
