package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The Events of SAM's functions and state machines, as the SAM transform takes them (SAM
 * specification, AWS::Serverless::Function EventSource and AWS::Serverless::StateMachine
 * EventSource): each event has a Type SAM knows for its resource, or the transform fails. Of those,
 * the local runtime delivers {@code SNS} (to functions), {@code EventBridgeRule} and {@code
 * CloudWatchEvent}; another type (an S3 or SQS trigger, a SAM {@code Schedule}) would make AWS
 * invoke what the local runtime never invokes, so a template with one is refused, naming the event,
 * rather than run as if the event did not exist.
 */
final class SamEvents {

  private static final Set<String> FUNCTION_EVENTS =
      Set.of(
          "S3",
          "SNS",
          "Kinesis",
          "DynamoDB",
          "SQS",
          "Api",
          "Schedule",
          "ScheduleV2",
          "CloudWatchEvent",
          "EventBridgeRule",
          "CloudWatchLogs",
          "IoTRule",
          "AlexaSkill",
          "Cognito",
          "HttpApi",
          "MSK",
          "MQ",
          "SelfManagedKafka",
          "DocumentDB");
  private static final Set<String> STATE_MACHINE_EVENTS =
      Set.of("Api", "Schedule", "ScheduleV2", "CloudWatchEvent", "EventBridgeRule");
  private static final Set<String> DELIVERED = Set.of("SNS", "CloudWatchEvent", "EventBridgeRule");

  private SamEvents() {}

  static void check(JsonNode resources) {
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String type = entry.getValue().path("Type").asText();
      boolean function = type.equals("AWS::Serverless::Function");
      if (!function && !type.equals("AWS::Serverless::StateMachine")) {
        continue;
      }
      JsonNode events = entry.getValue().path("Properties").path("Events");
      String where = "Resources." + entry.getKey() + ".Properties.Events";
      if (events.isMissingNode()) {
        continue;
      }
      if (!events.isObject()) {
        throw new TemplateException(where + ": a mapping of events by id");
      }
      for (Iterator<Map.Entry<String, JsonNode>> e = events.fields(); e.hasNext(); ) {
        Map.Entry<String, JsonNode> event = e.next();
        String at = where + "." + event.getKey() + ".Type";
        String eventType = event.getValue().path("Type").asText("");
        Set<String> known = function ? FUNCTION_EVENTS : STATE_MACHINE_EVENTS;
        if (!known.contains(eventType)) {
          throw new TemplateException(
              at
                  + ": '"
                  + eventType
                  + "' is not an event type of "
                  + type
                  + ", so the SAM transform refuses it (it takes "
                  + String.join(", ", known.stream().sorted().toList())
                  + ")");
        }
        if (!DELIVERED.contains(eventType) || !function && eventType.equals("SNS")) {
          throw new TemplateException(
              at
                  + ": "
                  + eventType
                  + " events are not delivered by the local runtime, which delivers SNS,"
                  + " EventBridgeRule and CloudWatchEvent (for a schedule, an"
                  + " AWS::Scheduler::Schedule resource)");
        }
        checkProperties(
            entry.getKey(), event.getKey(), eventType, function, event.getValue(), where);
      }
    }
  }

  /** The properties the SAM translator defines for a rule event (its CloudWatchEvent source). */
  private static final Set<String> RULE_PROPERTIES =
      Set.of(
          "DeadLetterConfig",
          "EventBusName",
          "Input",
          "InputPath",
          "InputTransformer",
          "Pattern",
          "RetryPolicy",
          "RuleName",
          "State",
          "Target");

  /**
   * A delivered event's properties are those the SAM translator defines for its type
   * (aws-sam-translator 1.110.0, eventsources.push and stepfunctions.events: a function's rule
   * events also take Enabled); another is refused in the translator's words, naming the resource it
   * would generate ({@code <resource><event>}).
   */
  private static void checkProperties(
      String logicalId,
      String eventId,
      String eventType,
      boolean function,
      JsonNode event,
      String where) {
    Set<String> known =
        eventType.equals("SNS")
            ? Set.of(
                "FilterPolicy",
                "FilterPolicyScope",
                "RedrivePolicy",
                "Region",
                "SqsSubscription",
                "Topic")
            : RULE_PROPERTIES;
    event
        .path("Properties")
        .fieldNames()
        .forEachRemaining(
            property -> {
              if (!known.contains(property) && !(function && property.equals("Enabled"))) {
                throw new TemplateException(
                    where
                        + "."
                        + eventId
                        + ".Properties."
                        + property
                        + ": the SAM transform refuses it: Resource with id ["
                        + logicalId
                        + eventId
                        + "] is invalid. property "
                        + property
                        + " not defined for resource of type "
                        + eventType);
              }
            });
  }
}
