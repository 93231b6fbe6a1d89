package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.definition.TaskState;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * {@code arn:aws:states:::sns:publish} through the real SNS client, so it reaches whatever endpoint
 * the SDK's standard configuration names (the local emulator in local runs). A Message that is JSON
 * rather than a string is sent as its JSON text, as Step Functions does.
 */
final class SnsPublishIntegration {

  private static final Set<String> PARAMETERS =
      Set.of(
          "TopicArn",
          "TargetArn",
          "PhoneNumber",
          "Message",
          "Subject",
          "MessageAttributes",
          "MessageStructure",
          "MessageDeduplicationId",
          "MessageGroupId");

  private final Supplier<SnsClient> client;

  SnsPublishIntegration(Supplier<SnsClient> client) {
    this.client = client;
  }

  List<String> check(TaskState state) {
    return IntegrationParameters.check(
        state,
        "sns:publish",
        PARAMETERS,
        List.of(List.of("TopicArn", "TargetArn", "PhoneNumber"), List.of("Message")));
  }

  TaskOutcome invoke(TaskInvocation invocation) {
    PublishRequest request;
    try {
      request = request(invocation.parameters());
    } catch (IllegalArgumentException e) {
      return TaskOutcome.failed("SNS.InvalidParameterException", e.getMessage());
    }
    PublishResponse response;
    try {
      response = client.get().publish(request);
    } catch (AwsServiceException e) {
      // Step Functions names service errors after the SDK exception: SNS.NotFoundException.
      return TaskOutcome.serviceError("SNS", "AmazonSNS", e);
    } catch (SdkClientException e) {
      return TaskOutcome.failed("SNS.SdkClientException", e.getMessage());
    }
    ObjectNode result = SdkMetadata.object();
    result.put("MessageId", response.messageId());
    if (response.sequenceNumber() != null) {
      result.put("SequenceNumber", response.sequenceNumber());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .sdkHttpResponse()
        .headers()
        .forEach((name, values) -> headers.put(name, String.join(",", values)));
    String requestId = response.responseMetadata().requestId();
    SdkMetadata.addTo(
        result,
        headers,
        response.sdkHttpResponse().statusCode(),
        requestId == null ? "" : requestId);
    return TaskOutcome.succeeded(result);
  }

  private static PublishRequest request(JsonNode parameters) {
    PublishRequest.Builder builder = PublishRequest.builder();
    text(parameters, "TopicArn").ifPresent(builder::topicArn);
    text(parameters, "TargetArn").ifPresent(builder::targetArn);
    text(parameters, "PhoneNumber").ifPresent(builder::phoneNumber);
    text(parameters, "Subject").ifPresent(builder::subject);
    text(parameters, "MessageStructure").ifPresent(builder::messageStructure);
    text(parameters, "MessageDeduplicationId").ifPresent(builder::messageDeduplicationId);
    text(parameters, "MessageGroupId").ifPresent(builder::messageGroupId);
    JsonNode message = parameters.get("Message");
    if (message == null || message.isNull()) {
      throw new IllegalArgumentException("Message is required");
    }
    builder.message(message.isTextual() ? message.asText() : json(message));
    JsonNode attributes = parameters.get("MessageAttributes");
    if (attributes != null && !attributes.isNull()) {
      if (!attributes.isObject()) {
        throw new IllegalArgumentException(
            "MessageAttributes must be an object, got " + attributes);
      }
      Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
      attributes
          .fields()
          .forEachRemaining(
              entry -> values.put(entry.getKey(), attribute(entry.getKey(), entry.getValue())));
      builder.messageAttributes(values);
    }
    return builder.build();
  }

  private static MessageAttributeValue attribute(String name, JsonNode value) {
    JsonNode type = value.get("DataType");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException("MessageAttributes." + name + ".DataType is required");
    }
    MessageAttributeValue.Builder builder = MessageAttributeValue.builder().dataType(type.asText());
    JsonNode string = value.get("StringValue");
    JsonNode binary = value.get("BinaryValue");
    if (string != null) {
      builder.stringValue(string.isTextual() ? string.asText() : json(string));
    } else if (binary != null && binary.isTextual()) {
      builder.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(binary.asText())));
    } else {
      throw new IllegalArgumentException(
          "MessageAttributes." + name + " needs a StringValue or a base64 BinaryValue");
    }
    return builder.build();
  }

  private static Optional<String> text(JsonNode parameters, String field) {
    JsonNode value = parameters.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.isTextual() ? value.asText() : value.toString());
  }

  private static String json(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
