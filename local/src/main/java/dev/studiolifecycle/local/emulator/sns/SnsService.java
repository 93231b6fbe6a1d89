package dev.studiolifecycle.local.emulator.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.CallAuthorizer;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.IdSource;
import dev.studiolifecycle.local.emulator.KmsKeys;
import dev.studiolifecycle.local.emulator.Operation;
import dev.studiolifecycle.local.emulator.RequestRegion;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.WireProtocol;
import dev.studiolifecycle.local.emulator.wire.QueryParameters;
import dev.studiolifecycle.local.emulator.wire.XmlWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SNS topics, subscriptions and Publish. Every published message is kept, in order, for
 * tests and the command line to read back; subscriptions are recorded and listed, and nothing is
 * delivered to them.
 */
public final class SnsService extends EmulatedService {

  /** Topics' ARN prefix in the request's Region. */
  private static String arnPrefix() {
    return RequestRegion.arn("sns", "");
  }

  private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final int MAX_MESSAGE_BYTES = 256 * 1024;
  private static final int MAX_ATTRIBUTES = 10;

  /** SNS API reference, ListTopics and ListSubscriptionsByTopic: up to 100 per page. */
  private static final int PAGE_SIZE = 100;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** What Subscribe answers for a subscription to confirm (the list says PendingConfirmation). */
  private static final String PENDING_ANSWER = "pending confirmation";

  private static final Pattern TOKEN = Pattern.compile("sns-page:(\\d+)");

  private final Clock clock;
  private final IdSource ids;
  private final List<Operation> operations;
  private final Supplier<CallAuthorizer> authorizer;
  private final Map<String, String> topicArnsByName = new LinkedHashMap<>();

  /** The KmsMasterKeyId of each encrypted topic, by ARN. */
  private final Map<String, String> keysByTopicArn = new LinkedHashMap<>();

  private final List<PublishedMessage> published = new ArrayList<>();
  private final List<Subscription> subscriptions = new ArrayList<>();

  /**
   * @param authorizer the emulator's IAM, asked whether a publisher may use an encrypted topic's
   *     KMS key
   */
  public SnsService(Clock clock, IdSource ids, Supplier<CallAuthorizer> authorizer) {
    super(
        "sns", new WireProtocol.AwsQuery("2010-03-31", "http://sns.amazonaws.com/doc/2010-03-31/"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.operations =
        List.of(
            Operation.mutating("CreateTopic", this::createTopic),
            Operation.mutating("Publish", this::publish),
            Operation.mutating("Subscribe", this::subscribe),
            Operation.reading("ListTopics", this::listTopics),
            Operation.reading("ListSubscriptionsByTopic", this::listSubscriptionsByTopic));
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
    return seedTopic(name, null);
  }

  /**
   * Creates a topic (idempotent), encrypted with {@code kmsMasterKeyId} (a key id, key ARN or
   * alias) unless that is null; returns its ARN.
   */
  public synchronized String seedTopic(String name, String kmsMasterKeyId) {
    if (!TOPIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "topic name '" + name + "' must be 1 to 256 letters, digits, '-' or '_'");
    }
    String arn = topicArnsByName.computeIfAbsent(name, n -> arnPrefix() + n);
    if (kmsMasterKeyId != null) {
      keysByTopicArn.put(arn, kmsMasterKeyId);
    }
    return arn;
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
    String kmsMasterKeyId = null;
    for (QueryParameters attribute : parameters.members("Attributes.entry")) {
      String key = attribute.get("key").orElse("");
      if ("FifoTopic".equals(key) && "true".equalsIgnoreCase(attribute.get("value").orElse(""))) {
        throw invalidParameter(
            "Invalid parameter: Attributes Reason: FIFO topics are not supported by this "
                + "emulator");
      }
      if ("KmsMasterKeyId".equals(key)) {
        kmsMasterKeyId = attribute.get("value").filter(value -> !value.isEmpty()).orElse(null);
      }
    }
    if (!TOPIC_NAME.matcher(name).matches()) {
      throw invalidParameter("Invalid parameter: Topic Name");
    }
    checkTags(parameters.members("Tags.member"));
    String existing = topicArnsByName.get(name);
    if (existing != null && !Objects.equals(keysByTopicArn.get(existing), kmsMasterKeyId)) {
      // SNS API reference, CreateTopic: the same name with other attributes is not the same call.
      throw invalidParameter(
          "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
    }
    String arn = seedTopic(name, kmsMasterKeyId);
    return ServiceReply.xml(xml -> xml.element("TopicArn", arn));
  }

  /**
   * Each tag's Key of 1 to 128 characters and Value of 0 to 256, both given (SNS API reference,
   * Tag); a breach is InvalidParameter, "a request parameter does not comply with the associated
   * constraints" (the reason's words are the emulator's: the reference gives none). The emulator
   * keeps no topic tags.
   */
  private static void checkTags(List<QueryParameters> tags) {
    for (int i = 0; i < tags.size(); i++) {
      String key = tags.get(i).get("Key").orElse(null);
      String value = tags.get(i).get("Value").orElse(null);
      String broken =
          key == null || value == null
              ? "a tag needs a Key and a Value"
              : key.isEmpty() || key.length() > 128
                  ? "a tag Key is 1 to 128 characters"
                  : value.length() > 256 ? "a tag Value is at most 256 characters" : null;
      if (broken != null) {
        throw invalidParameter("Invalid parameter: Tags.member." + (i + 1) + " Reason: " + broken);
      }
    }
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
    String subject = parameters.get("Subject").orElse(null);
    // SNS API reference, Publish: "Subjects must be UTF-8 text with no line breaks or control
    // characters, and less than 100 characters long" (any Unicode letter is fine).
    if (subject != null
        && (subject.isEmpty()
            || subject.codePointCount(0, subject.length()) >= 100
            || subject.codePoints().anyMatch(Character::isISOControl))) {
      throw invalidParameter("Invalid parameter: Subject");
    }
    if (parameters.get("MessageStructure").filter("json"::equals).isPresent()) {
      checkJsonStructure(message);
    }
    Map<String, MessageAttribute> attributes = readAttributes(parameters);
    // SNS API reference, MessageAttributeValue: every part of every attribute (name, type and
    // value) counts toward the 262,144-byte limit of the message.
    long size = message.getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, MessageAttribute> attribute : attributes.entrySet()) {
      size += utf8Length(attribute.getKey()) + utf8Length(attribute.getValue().dataType());
      size += utf8Length(attribute.getValue().stringValue());
      size += utf8Length(attribute.getValue().binaryValue());
    }
    if (size > MAX_MESSAGE_BYTES) {
      throw invalidParameter("Invalid parameter: Message too long");
    }
    topic(topicArn);
    String key = keysByTopicArn.get(topicArn);
    if (key != null) {
      checkKeyUse(request, topicArn, key);
    }
    String messageId = ids.uuid();
    published.add(
        new PublishedMessage(
            messageId, topicArn, subject, message, attributes, clock.instant(), request.caller()));
    return ServiceReply.xml(xml -> xml.element("MessageId", messageId));
  }

  /**
   * SNS encrypts a message for an encrypted topic with the topic's KMS key on the publisher's
   * behalf (SNS developer guide, "Managing Amazon SNS encryption keys": "The publisher must have
   * the kms:GenerateDataKey and kms:Decrypt permissions" for the key); Publish answers
   * KMSAccessDenied when it may not (SNS API reference, Publish, Errors). The AWS managed key
   * {@code alias/aws/sns} lets every principal of the account use it through SNS (its key policy);
   * any other alias names a key the local runtime cannot know, and is KMSNotFound.
   */
  private void checkKeyUse(ServiceRequest request, String topicArn, String key) {
    Optional<String> customerKey;
    try {
      customerKey = KmsKeys.customerKeyArn(key, "sns");
    } catch (IllegalArgumentException unknown) {
      throw new AwsServiceError("KMSNotFound", 400, unknown.getMessage());
    }
    if (customerKey.isEmpty()) {
      return;
    }
    String keyArn = customerKey.get();
    String via = "sns." + RequestRegion.current() + ".amazonaws.com";
    authorizer
        .get()
        .keyDenial(
            request,
            keyArn,
            List.of("kms:GenerateDataKey", "kms:Decrypt"),
            via,
            Map.of("aws:sns:topicArn", topicArn))
        .ifPresent(
            denial -> {
              throw new AwsServiceError(
                  "KMSAccessDenied",
                  400,
                  denial
                      + " (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException;"
                      + " topic "
                      + topicArn
                      + ")");
            });
  }

  private static long utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  private synchronized ServiceReply subscribe(ServiceRequest request) {
    QueryParameters parameters = QueryParameters.of(request.input());
    String topicArn = parameters.get("TopicArn").orElse(null);
    String protocol = parameters.get("Protocol").orElse(null);
    if (topicArn == null) {
      throw invalidParameter("Invalid parameter: TopicArn");
    }
    if (protocol == null) {
      throw invalidParameter("Invalid parameter: Protocol");
    }
    String endpoint = parameters.get("Endpoint").orElse(null);
    requireEndpoint(protocol, endpoint);
    if (!parameters.members("Attributes.entry").isEmpty()) {
      throw invalidParameter(
          "Invalid parameter: Attributes Reason: subscription attributes are not supported by "
              + "this emulator");
    }
    topic(topicArn);
    boolean returnArn = parameters.get("ReturnSubscriptionArn").filter("true"::equals).isPresent();
    for (Subscription existing : subscriptions) {
      if (existing.topicArn().equals(topicArn)
          && existing.protocol().equals(protocol)
          && existing.endpoint().equals(endpoint)) {
        String arn =
            existing.confirmed() || returnArn ? existing.subscriptionArn() : PENDING_ANSWER;
        return ServiceReply.xml(xml -> xml.element("SubscriptionArn", arn));
      }
    }
    // SNS asks HTTP(S) and e-mail endpoints to confirm; the emulator sends nothing, so they stay
    // pending, as an endpoint that never confirms would.
    boolean confirmed = !List.of("http", "https", "email", "email-json").contains(protocol);
    Subscription subscription =
        new Subscription(topicArn + ":" + ids.uuid(), topicArn, protocol, endpoint, confirmed);
    subscriptions.add(subscription);
    String arn = confirmed || returnArn ? subscription.subscriptionArn() : PENDING_ANSWER;
    return ServiceReply.xml(xml -> xml.element("SubscriptionArn", arn));
  }

  /** The endpoint each protocol takes (SNS API reference, Subscribe). */
  private static void requireEndpoint(String protocol, String endpoint) {
    boolean valid =
        switch (protocol) {
          case "http" -> endpoint != null && endpoint.startsWith("http://");
          case "https" -> endpoint != null && endpoint.startsWith("https://");
          case "email", "email-json" -> endpoint != null && EMAIL.matcher(endpoint).matches();
          case "sms" -> endpoint != null && endpoint.matches("\\+?[0-9]{5,15}");
          case "sqs" -> endpoint != null && endpoint.startsWith("arn:aws:sqs:");
          case "lambda" -> endpoint != null && endpoint.startsWith("arn:aws:lambda:");
          case "firehose" -> endpoint != null && endpoint.startsWith("arn:aws:firehose:");
          case "application" -> endpoint != null && endpoint.startsWith("arn:aws:sns:");
          default ->
              throw invalidParameter(
                  "Invalid parameter: Amazon SNS does not support this protocol string: "
                      + protocol);
        };
    if (!valid) {
      throw invalidParameter("Invalid parameter: Endpoint");
    }
  }

  private synchronized ServiceReply listTopics(ServiceRequest request) {
    QueryParameters parameters = QueryParameters.of(request.input());
    return listed(
        parameters,
        "Topics",
        new ArrayList<>(topicArnsByName.values()),
        (xml, arn) -> xml.element("TopicArn", arn));
  }

  private synchronized ServiceReply listSubscriptionsByTopic(ServiceRequest request) {
    QueryParameters parameters = QueryParameters.of(request.input());
    String topicArn = parameters.get("TopicArn").orElse(null);
    if (topicArn == null) {
      throw invalidParameter("Invalid parameter: TopicArn");
    }
    topic(topicArn);
    return listed(
        parameters,
        "Subscriptions",
        subscriptions.stream().filter(sub -> sub.topicArn().equals(topicArn)).toList(),
        (xml, sub) ->
            xml.element("SubscriptionArn", sub.listedArn())
                .element("Owner", LocalAccount.ACCOUNT_ID)
                .element("Protocol", sub.protocol())
                .element("Endpoint", sub.endpoint())
                .element("TopicArn", sub.topicArn()));
  }

  /**
   * One page of a List call: up to {@value #PAGE_SIZE} members, then NextToken if there is more.
   */
  private static <T> ServiceReply listed(
      QueryParameters parameters, String list, List<T> all, BiConsumer<XmlWriter, T> member) {
    int start = pageStart(parameters.get("NextToken").orElse(null), all.size());
    int end = Math.min(all.size(), start + PAGE_SIZE);
    return ServiceReply.xml(
        xml -> {
          xml.start(list);
          for (T item : all.subList(start, end)) {
            xml.start("member");
            member.accept(xml, item);
            xml.end();
          }
          xml.end();
          xml.element("NextToken", end < all.size() ? token(end) : null);
        });
  }

  /** The topic of an ARN, or SNS's NotFound. */
  private String topic(String topicArn) {
    if (!topicArn.startsWith(arnPrefix())
        || !topicArnsByName.containsKey(topicArn.substring(arnPrefix().length()))) {
      throw new AwsServiceError("NotFound", 404, "Topic does not exist");
    }
    return topicArn;
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("sns-page:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int pageStart(String token, int size) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      Matcher matcher = TOKEN.matcher(decoded);
      if (matcher.matches()) {
        return Math.min(size, Integer.parseInt(matcher.group(1)));
      }
    } catch (IllegalArgumentException e) {
      // Falls through: a token this service did not issue.
    }
    throw invalidParameter("Invalid parameter: NextToken");
  }

  /** The subscriptions of a topic, in the order they were made. */
  public synchronized List<String> subscriptionEndpoints(String topicArn) {
    return subscriptions.stream()
        .filter(sub -> sub.topicArn().equals(topicArn))
        .map(Subscription::endpoint)
        .toList();
  }

  private static void checkJsonStructure(String message) {
    JsonNode structure;
    try {
      structure = LocalJson.MAPPER.readTree(message);
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
      MessageAttribute attribute = readAttribute(entry);
      attributes.put(entry.get("Name").orElse(""), attribute);
    }
    return attributes;
  }

  /** One message attribute: its name, type and value, as SNS checks them. */
  private static MessageAttribute readAttribute(QueryParameters entry) {
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
    checkValue(name, dataType, baseType, stringValue, binaryValue);
    return new MessageAttribute(dataType, stringValue, binaryValue);
  }

  private static void checkValue(
      String name, String dataType, String baseType, String stringValue, String binaryValue) {
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
