package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A function's {@code EventInvokeConfig} as SAM reads it: how often Lambda retries a failed
 * asynchronous invocation, and the SQS queue it then sends the invocation record to.
 *
 * @param maximumRetryAttempts 0 to 2; 2 when not set (Lambda API reference,
 *     PutFunctionEventInvokeConfig)
 * @param maximumEventAgeSeconds 60 to 21600; 21600 when not set (the same)
 * @param onFailureArn the OnFailure destination's queue ARN, or null when there is none
 * @param samGrantsSend whether SAM adds {@code sqs:SendMessage} on that queue to the role it
 *     generates: it does when the OnFailure {@code Type} is {@code SQS} (SAM developer guide,
 *     OnFailure: "SAM will add any necessary permissions to the auto-generated IAM Role")
 */
record EventInvokeConfig(
    int maximumRetryAttempts,
    int maximumEventAgeSeconds,
    String onFailureArn,
    boolean samGrantsSend) {

  /** Lambda's retries of a failed asynchronous invocation when the config does not say. */
  static final int DEFAULT_RETRIES = 2;

  /** Lambda's longest event age, and the default (PutFunctionEventInvokeConfig). */
  private static final int MAXIMUM_EVENT_AGE = 21_600;

  /**
   * When Lambda retries, in seconds after the first attempt: one minute after it, and two minutes
   * after the second (Lambda developer guide, "How Lambda handles errors and retries with
   * asynchronous invocation").
   */
  private static final List<Integer> RETRY_AT_SECONDS = List.of(60, 180);

  private static final EventInvokeConfig NONE =
      new EventInvokeConfig(DEFAULT_RETRIES, MAXIMUM_EVENT_AGE, null, false);

  /**
   * Reads {@code EventInvokeConfig} of a function's {@code properties}. What the local runtime does
   * not carry out is refused rather than ignored: an OnSuccess destination, an OnFailure
   * destination other than a named SQS queue, a {@code DeadLetterQueue}.
   */
  static EventInvokeConfig read(JsonNode properties, String where, IntrinsicResolver resolver) {
    // A dead-letter queue is Lambda's other place for failed invocations; how it and an OnFailure
    // destination share one is not modelled, so it is refused rather than ignored.
    if (properties.has("DeadLetterQueue")) {
      throw new TemplateException(
          where
              + ".DeadLetterQueue: is not carried out by the local runtime; keep failed"
              + " invocations with EventInvokeConfig.DestinationConfig.OnFailure (Type: SQS)");
    }
    JsonNode config = properties.get("EventInvokeConfig");
    if (config == null) {
      return NONE;
    }
    String at = where + ".EventInvokeConfig";
    int retries =
        FunctionReader.integer(
            config.get("MaximumRetryAttempts"),
            DEFAULT_RETRIES,
            at + ".MaximumRetryAttempts",
            resolver);
    if (retries < 0 || retries > 2) {
      throw new TemplateException(
          at + ".MaximumRetryAttempts: must be 0, 1 or 2 (Lambda's range), got " + retries);
    }
    int age =
        FunctionReader.integer(
            config.get("MaximumEventAgeInSeconds"),
            MAXIMUM_EVENT_AGE,
            at + ".MaximumEventAgeInSeconds",
            resolver);
    if (age < 60 || age > MAXIMUM_EVENT_AGE) {
      throw new TemplateException(
          at
              + ".MaximumEventAgeInSeconds: must be between 60 and 21600 (Lambda's range), got "
              + age);
    }
    JsonNode destinations = config.path("DestinationConfig");
    if (destinations.has("OnSuccess")) {
      throw new TemplateException(
          at + ".DestinationConfig.OnSuccess: is not carried out by the local runtime");
    }
    return withOnFailure(
        retries, age, destinations.get("OnFailure"), at + ".DestinationConfig.OnFailure", resolver);
  }

  /** The config with its OnFailure destination: a named SQS queue, or none. */
  private static EventInvokeConfig withOnFailure(
      int retries, int age, JsonNode onFailure, String failureAt, IntrinsicResolver resolver) {
    if (onFailure == null) {
      return new EventInvokeConfig(retries, age, null, false);
    }
    JsonNode type = onFailure.get("Type");
    String resolvedType = type == null ? null : resolver.resolveString(type, failureAt + ".Type");
    if (resolvedType != null && !resolvedType.equals("SQS")) {
      throw new TemplateException(
          failureAt
              + ".Type: the local runtime sends failed invocations to SQS queues only, got '"
              + resolvedType
              + "'");
    }
    JsonNode destination = onFailure.get("Destination");
    if (destination == null) {
      throw new TemplateException(
          failureAt + ".Destination: name the queue (a queue SAM would create is not modelled)");
    }
    String arn = resolver.resolveString(destination, failureAt + ".Destination");
    if (!arn.startsWith("arn:aws:sqs:")) {
      throw new TemplateException(
          failureAt + ".Destination: must be an SQS queue's ARN, got '" + arn + "'");
    }
    return new EventInvokeConfig(retries, age, arn, resolvedType != null);
  }

  /**
   * The retries Lambda makes of a failed invocation: MaximumRetryAttempts, fewer when the event is
   * past its maximum age when a retry is due (Lambda then discards it to the OnFailure
   * destination). A retry due at exactly the maximum age is not counted: the stricter reading.
   */
  int retries() {
    int retries = 0;
    while (retries < maximumRetryAttempts
        && RETRY_AT_SECONDS.get(retries) < maximumEventAgeSeconds) {
      retries++;
    }
    return retries;
  }

  /**
   * The inline policy SAM adds to the function's role for its OnFailure queue, as SAM writes it (no
   * Version), when it adds one.
   */
  Optional<ObjectNode> samPolicy() {
    if (!samGrantsSend) {
      return Optional.empty();
    }
    ObjectNode policy = JsonNodeFactory.instance.objectNode();
    ObjectNode statement = policy.putArray("Statement").addObject();
    statement.put("Action", "sqs:SendMessage");
    statement.put("Effect", "Allow");
    statement.put("Resource", onFailureArn);
    return Optional.of(policy);
  }
}
