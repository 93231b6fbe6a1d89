package dev.studiolifecycle.local.emulator.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.AwsIdentity;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Amazon SNS topics and Publish. Every published message is kept, in order, for tests and the
 * command line to read back; nothing is delivered to subscribers.
 */
public final class SnsService implements EmulatedService {

  private static final String ARN_PREFIX =
      "arn:aws:sns:" + AwsIdentity.REGION + ":" + AwsIdentity.ACCOUNT_ID + ":";
  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final int MAX_MESSAGE_BYTES = 256 * 1024;
  private static final int MAX_ATTRIBUTES = 10;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Clock clock;
  private final IdSource ids;
  private final List<Operation> operations;
  private final Map<String, String> topicArnsByName = new LinkedHashMap<>();
  private final List<PublishedMessage> published = new ArrayList<>();

  public SnsService(Clock clock, IdSource ids) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.operations =
        List.of(
            Operation.mutating("CreateTopic", this::createTopic),
            Operation.mutating("Publish", this::publish));
  }

  @Override
  public String signingName() {
    return "sns";
  }

  @Override
  public WireProtocol protocol() {
    return new WireProtocol.AwsQuery("2010-03-31", "http://sns.amazonaws.com/doc/2010-03-31/");
  }

  /** SNS API reference: AuthorizationError, HTTP 403, "Indicates that the user has been denied". */
  @Override
  public AwsServiceError accessDenied(String message) {
    return new AwsServiceError("AuthorizationError", 403, message);
  }

  @Override
  public List<Operation> operations() {
    return operations;
  }

  /** SNS models throttling as {@code Throttled} with HTTP 429 (the SDK's ThrottledException). */
  @Override
  public AwsServiceError throttlingError() {
    return new AwsServiceError("Throttled", 429, "Rate exceeded");
  }

  // ---------------------------------------------------------------- Java API

  /** Creates a topic (idempotent); returns its ARN. */
  public synchronized String seedTopic(String name) {
    if (!TOPIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "topic name '" + name + "' must be 1 to 256 letters, digits, '-' or '_'");
    }
    return topicArnsByName.computeIfAbsent(name, n -> ARN_PREFIX + n);
  }

  public synchronized List<String> topicArns() {
    return List.copyOf(topicArnsByName.values());
  }

  /** Every message published so far, oldest first. */
  public synchronized List<PublishedMessage> publishedMessages() {
    return List.copyOf(published);
  }

  /** The messages published to one topic, oldest first. */
  public synchronized List<PublishedMessage> publishedMessages(String topicArn) {
    return published.stream().filter(m -> m.topicArn().equals(topicArn)).toList();
  }

  public synchronized void clearPublishedMessages() {
    published.clear();
  }

  // ---------------------------------------------------------------- operations

  private synchronized ServiceReply createTopic(ServiceRequest request) {
    QueryParameters parameters = QueryParameters.of(request.input());
    String name = parameters.get("Name").orElse(null);
    if (name == null) {
      throw invalidParameter("Invalid parameter: Name");
    }
    for (QueryParameters attribute : parameters.members("Attributes.entry")) {
      String key = attribute.get("key").orElse("");
      if ("FifoTopic".equals(key) && "true".equalsIgnoreCase(attribute.get("value").orElse(""))) {
        throw invalidParameter(
            "Invalid parameter: Attributes Reason: FIFO topics are not supported by this "
                + "emulator");
      }
    }
    if (!TOPIC_NAME.matcher(name).matches()) {
      throw invalidParameter("Invalid parameter: Topic Name");
    }
    String arn = topicArnsByName.computeIfAbsent(name, n -> ARN_PREFIX + n);
    return ServiceReply.xml(xml -> xml.element("TopicArn", arn));
  }

  private synchronized ServiceReply publish(ServiceRequest request) {
    QueryParameters parameters = QueryParameters.of(request.input());
    String topicArn = parameters.get("TopicArn").or(() -> parameters.get("TargetArn")).orElse(null);
    if (topicArn == null) {
      if (parameters.has("PhoneNumber")) {
        throw invalidParameter(
            "Invalid parameter: PhoneNumber Reason: SMS is not supported by this emulator");
      }
      throw invalidParameter(
          "Invalid parameter: TopicArn or TargetArn Reason: no value for " + "required parameter");
    }
    String message = parameters.get("Message").orElse(null);
    if (message == null || message.isEmpty()) {
      throw invalidParameter("Invalid parameter: Empty message");
    }
    if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
      throw invalidParameter("Invalid parameter: Message too long");
    }
    String subject = parameters.get("Subject").orElse(null);
    if (subject != null
        && (subject.isEmpty()
            || subject.length() > 100
            || subject.chars().anyMatch(c -> c < 0x20 || c > 0x7E))) {
      throw invalidParameter("Invalid parameter: Subject");
    }
    if (parameters.get("MessageStructure").filter("json"::equals).isPresent()) {
      checkJsonStructure(message);
    }
    Map<String, MessageAttribute> attributes = readAttributes(parameters);
    if (!topicArn.startsWith(ARN_PREFIX)
        || !topicArnsByName.containsKey(topicArn.substring(ARN_PREFIX.length()))) {
      throw new AwsServiceError("NotFound", 404, "Topic does not exist");
    }
    String messageId = ids.uuid();
    published.add(
        new PublishedMessage(
            messageId, topicArn, subject, message, attributes, clock.instant(), request.caller()));
    return ServiceReply.xml(xml -> xml.element("MessageId", messageId));
  }

  private static void checkJsonStructure(String message) {
    JsonNode structure;
    try {
      structure = MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      throw invalidParameter(
          "Invalid parameter: Message Structure - JSON message body failed " + "to parse");
    }
    if (structure == null || !structure.isObject() || !structure.has("default")) {
      throw invalidParameter(
          "Invalid parameter: Message Structure - No default entry in JSON " + "message body");
    }
  }

  private static Map<String, MessageAttribute> readAttributes(QueryParameters parameters) {
    Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
    List<QueryParameters> entries = parameters.members("MessageAttributes.entry");
    if (entries.size() > MAX_ATTRIBUTES) {
      throw invalidParameter(
          "Invalid parameter: MessageAttributes Reason: Number of message "
              + "attributes ["
              + entries.size()
              + "] exceeds the allowed maximum ["
              + MAX_ATTRIBUTES
              + "].");
    }
    for (QueryParameters entry : entries) {
      String name = entry.get("Name").orElse("");
      String lower = name.toLowerCase(Locale.ROOT);
      if (!ATTRIBUTE_NAME.matcher(name).matches()
          || lower.startsWith("aws.")
          || lower.startsWith("amazon.")
          || name.startsWith(".")
          || name.endsWith(".")
          || name.contains("..")) {
        throw invalidParameter(
            "Invalid parameter: MessageAttributes Reason: Invalid message "
                + "attribute name '"
                + name
                + "'");
      }
      String dataType = entry.get("Value.DataType").orElse("");
      if (dataType.isEmpty()) {
        throw invalidParameter(
            "Invalid parameter: MessageAttributes Reason: The message "
                + "attribute '"
                + name
                + "' must contain non-empty message attribute type.");
      }
      String baseType = dataType.split("\\.", 2)[0];
      String stringValue = entry.get("Value.StringValue").orElse(null);
      String binaryValue = entry.get("Value.BinaryValue").orElse(null);
      switch (baseType) {
        case "String", "Number" -> {
          if (stringValue == null || stringValue.isEmpty()) {
            throw invalidParameter(
                "Invalid parameter: MessageAttributes Reason: The message "
                    + "attribute '"
                    + name
                    + "' must contain non-empty message attribute value "
                    + "for message attribute type '"
                    + dataType
                    + "'.");
          }
          if ("Number".equals(baseType)) {
            checkNumber(name, stringValue);
          }
        }
        case "Binary" -> {
          if (binaryValue == null || binaryValue.isEmpty()) {
            throw invalidParameter(
                "Invalid parameter: MessageAttributes Reason: The message "
                    + "attribute '"
                    + name
                    + "' must contain non-empty message attribute value "
                    + "for message attribute type 'Binary'.");
          }
        }
        default ->
            throw invalidParameter(
                "Invalid parameter: MessageAttributes Reason: The "
                    + "message attribute '"
                    + name
                    + "' has an invalid message attribute type, the set "
                    + "of supported type prefixes is Binary, Number, and String.");
      }
      attributes.put(name, new MessageAttribute(dataType, stringValue, binaryValue));
    }
    return attributes;
  }

  private static void checkNumber(String name, String value) {
    try {
      new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw invalidParameter(
          "Invalid parameter: MessageAttributes Reason: Could not cast "
              + "message attribute '"
              + name
              + "' value to number.");
    }
  }

  private static AwsServiceError invalidParameter(String message) {
    return new AwsServiceError("InvalidParameter", 400, message);
  }
}
