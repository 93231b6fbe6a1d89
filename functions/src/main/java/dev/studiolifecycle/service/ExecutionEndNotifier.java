package dev.studiolifecycle.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.validation.FieldRules;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskScheduledEventDetails;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The ExecutionEnd step: told by EventBridge that a lifecycle execution failed, timed out or was
 * aborted, it makes sure somebody hears of it. When the execution published a notification itself
 * (an SNS publish task of its history succeeded) there is nothing to add; otherwise (the end came
 * where no Catch reaches: a payload or history limit, the state machine's time limit, an abort, or
 * SNS failing its own notification) it publishes one FAILED message built from the history: the
 * error and cause, the last state, what the run had created or set out to delete. It never repeats
 * the request, which may hold e-mail addresses. When SNS refuses, the invocation fails: Lambda
 * retries it and then sends the event to the dead-letter queue, whose alarm fires.
 */
public final class ExecutionEndNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionEndNotifier.class);

  /** The ends a notification may be missing for; a SUCCEEDED execution has always told. */
  static final Set<String> UNTOLD_ENDS = Set.of("FAILED", "TIMED_OUT", "ABORTED");

  /** SNS accepts a cause of any length; the message keeps it readable. */
  private static final int MAX_CAUSE = 4_000;

  /** SNS API reference, Publish: a Subject must be "less than 100 characters long". */
  private static final int MAX_SUBJECT = 99;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Anything shaped like an e-mail address, masked or not. */
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@\"'<>(),;]+@[^\\s@\"'<>(),;]+");

  private final SfnClient stepFunctions;
  private final SnsClient sns;
  private final String topicArn;

  public ExecutionEndNotifier(SfnClient stepFunctions, SnsClient sns, String topicArn) {
    this.stepFunctions = stepFunctions;
    this.sns = sns;
    this.topicArn = topicArn;
  }

  /** How one status change event was handled. */
  public enum Outcome {
    /** The end needs no notification from here: the execution told, or it succeeded. */
    ALREADY_TOLD,
    /** The notification was published here. */
    TOLD
  }

  /**
   * Handles an EventBridge "Step Functions Execution Status Change" event.
   *
   * @throws ValidationError when the event names no execution
   */
  public Outcome handle(JsonNode event) {
    JsonNode detail = event == null ? JSON.missingNode() : event.path("detail");
    String executionArn = detail.path("executionArn").asText("");
    if (executionArn.isEmpty()) {
      throw new ValidationError("detail.executionArn: is required");
    }
    String status = detail.path("status").asText("");
    if (!UNTOLD_ENDS.contains(status)) {
      return Outcome.ALREADY_TOLD;
    }
    History history = history(executionArn);
    if (history.told) {
      LOG.info("execution {} ended {} and had told already", executionArn, status);
      return Outcome.ALREADY_TOLD;
    }
    ObjectNode message = message(executionArn, detail, status, history);
    String action = message.path("action").asText("UNKNOWN");
    String name =
        detail.path("name").asText(executionArn.substring(executionArn.lastIndexOf(':') + 1));
    String subject = ("Execution " + name + " ended " + status);
    sns.publish(
        r ->
            r.topicArn(topicArn)
                .subject(
                    subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject)
                .message(ModelJson.toJson(message))
                .messageAttributes(
                    Map.of(
                        "outcome", attribute("FAILED"),
                        "action", attribute(action))));
    LOG.info("execution {} ended {} untold: notified", executionArn, status);
    return Outcome.TOLD;
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  /** What the history says: whether the run told, how it ended, where it was. */
  private static final class History {
    private boolean told;

    /** Newest first, a publish succeeded and its scheduling (with its outcome) is still ahead. */
    private boolean publishSucceeded;

    private String error;
    private String cause;
    private String lastState;
    private JsonNode lastStateOutput;
  }

  /** Reads the history newest first, every page, until it knows enough. */
  private History history(String executionArn) {
    History history = new History();
    String token = null;
    do {
      GetExecutionHistoryResponse page =
          stepFunctions.getExecutionHistory(
              GetExecutionHistoryRequest.builder()
                  .executionArn(executionArn)
                  .reverseOrder(true)
                  .includeExecutionData(true)
                  .nextToken(token)
                  .build());
      for (HistoryEvent event : page.events()) {
        read(event, history);
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty() && !history.told);
    return history;
  }

  private static void read(HistoryEvent event, History history) {
    HistoryEventType type = event.type();
    if (type == HistoryEventType.TASK_SUCCEEDED
        && "sns".equals(event.taskSucceededEventDetails().resourceType())
        && "publish".equals(event.taskSucceededEventDetails().resource())) {
      history.publishSucceeded = true;
    } else if (type == HistoryEventType.TASK_SCHEDULED
        && "sns".equals(event.taskScheduledEventDetails().resourceType())
        && "publish".equals(event.taskScheduledEventDetails().resource())) {
      // Only an end's message tells (outcome SUCCEEDED or FAILED): the notice an offboarding
      // sends at revoke time (outcome REVOKED) says nothing of how the execution ended.
      history.told |= history.publishSucceeded && endsTold(event.taskScheduledEventDetails());
      history.publishSucceeded = false;
    } else if (type == HistoryEventType.EXECUTION_FAILED) {
      history.error = event.executionFailedEventDetails().error();
      history.cause = event.executionFailedEventDetails().cause();
    } else if (type == HistoryEventType.EXECUTION_TIMED_OUT) {
      history.error = event.executionTimedOutEventDetails().error();
      history.cause = event.executionTimedOutEventDetails().cause();
    } else if (type == HistoryEventType.EXECUTION_ABORTED) {
      history.error = event.executionAbortedEventDetails().error();
      history.cause = event.executionAbortedEventDetails().cause();
    } else if (history.lastState == null && event.stateEnteredEventDetails() != null) {
      history.lastState = event.stateEnteredEventDetails().name();
    } else if (history.lastStateOutput == null && event.stateExitedEventDetails() != null) {
      history.lastStateOutput = json(event.stateExitedEventDetails().output());
    }
  }

  private static boolean endsTold(TaskScheduledEventDetails scheduled) {
    String outcome =
        json(scheduled.parameters())
            .path("MessageAttributes")
            .path("outcome")
            .path("StringValue")
            .asText();
    return outcome.equals("SUCCEEDED") || outcome.equals("FAILED");
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return JSON.missingNode();
    }
    try {
      return ModelJson.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.missingNode();
    }
  }

  private static ObjectNode message(
      String executionArn, JsonNode detail, String status, History history) {
    ObjectNode message = JSON.objectNode();
    message.put("outcome", "FAILED");
    message.put("status", status);
    message.put("executionArn", executionArn);
    JsonNode state = history.lastStateOutput == null ? JSON.missingNode() : history.lastStateOutput;
    // Only what Validate checked: never the raw request.
    JsonNode request = state.path("validated").path("request");
    putIfText(message, "action", request.path("action"), null);
    putIfText(message, "userProfileName", request.path("userProfileName"), FieldRules.NAME);
    putIfText(message, "domainId", request.path("domainId"), FieldRules.DOMAIN_ID);
    putIfText(
        message, "requestId", state.path("validated").path("correlation").path("requestId"), null);
    String error = history.error != null ? history.error : detail.path("error").asText(null);
    String cause = history.cause != null ? history.cause : detail.path("cause").asText(null);
    message.put("error", error == null ? status : noAddress(error));
    message.put("cause", cause == null ? null : shorten(noAddress(cause)));
    message.put("lastState", history.lastState);
    ObjectNode created = message.putObject("created");
    created.set("executionRole", pick(state.path("role"), "roleArn", "createdByThisRun"));
    created.set("userProfile", pick(state.path("profile"), "userProfileArn", "createdByThisRun"));
    JsonNode deletion = state.path("deletion");
    if (deletion.isObject()) {
      ObjectNode offboarding = message.putObject("offboarding");
      offboarding.put("appsFound", deletion.path("apps").path("count").asInt());
      offboarding.put("spacesFound", deletion.path("spaces").path("count").asInt());
      offboarding.put("userProfile", deletion.path("userProfile").asText(null));
    }
    message.put(
        "toldBy",
        "the ExecutionEnd rule: the execution ended where it could not send its own notification;"
            + " its history has the rest");
    return message;
  }

  private static void putIfText(ObjectNode message, String field, JsonNode value, Pattern rule) {
    if (value.isTextual() && (rule == null || rule.matcher(value.asText()).matches())) {
      message.put(field, value.asText());
    }
  }

  private static JsonNode pick(JsonNode from, String... fields) {
    if (!from.isObject()) {
      return JSON.nullNode();
    }
    ObjectNode picked = JSON.objectNode();
    for (String field : fields) {
      if (from.has(field)) {
        picked.set(field, from.get(field));
      }
    }
    return picked;
  }

  /** A notification never carries an e-mail address, not even a masked one. */
  private static String noAddress(String text) {
    return ADDRESS.matcher(text).replaceAll("[e-mail address]");
  }

  private static String shorten(String text) {
    return text.length() > MAX_CAUSE ? text.substring(0, MAX_CAUSE - 3) + "..." : text;
  }
}
