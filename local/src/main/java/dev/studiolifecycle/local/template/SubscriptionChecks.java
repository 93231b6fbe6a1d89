package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What SNS's Subscribe refuses of an AWS::SNS::Subscription when CloudFormation creates it (SNS API
 * reference, Subscribe): a Protocol of the API's list, an Endpoint of the form that protocol takes
 * ("For the email protocol, use an email address", "For the sqs protocol, the endpoint is the ARN
 * of an Amazon SQS queue", ...), RawMessageDelivery only where SNS delivers raw messages (SQS,
 * HTTP/S, Firehose: Subscribe, Attributes), and a FilterPolicyScope of MessageAttributes or
 * MessageBody. SNS answers InvalidParameter; the message here names the property and the rule.
 */
final class SubscriptionChecks {

  private SubscriptionChecks() {}

  private static final Map<String, Pattern> ENDPOINTS =
      Map.of(
          "http", Pattern.compile("http://\\S+"),
          "https", Pattern.compile("https://\\S+"),
          "email", Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
          "email-json", Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
          "sms", Pattern.compile("\\+?[0-9]{5,15}"),
          "sqs",
              Pattern.compile(
                  "arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?"),
          "application", Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:endpoint/\\S+"),
          "lambda",
              Pattern.compile(
                  "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[^:]+)?"),
          "firehose",
              Pattern.compile("arn:aws[a-z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/\\S+"));

  private static final Set<String> RAW_DELIVERY = Set.of("sqs", "http", "https", "firehose");

  static void check(JsonNode properties, String where) {
    String protocol = properties.path("Protocol").asText("");
    Pattern endpoint = ENDPOINTS.get(protocol);
    if (endpoint == null) {
      throw new TemplateException(
          where
              + ".Properties.Protocol: must be one of "
              + AllowedValues.sorted(ENDPOINTS.keySet())
              + ", got '"
              + protocol
              + "'");
    }
    String value = properties.path("Endpoint").asText("");
    if (!endpoint.matcher(value).matches()) {
      throw new TemplateException(
          where
              + ".Properties.Endpoint: '"
              + value
              + "' is not what the "
              + protocol
              + " protocol takes (SNS API reference, Subscribe, Endpoint)");
    }
    if (properties.path("RawMessageDelivery").asText("false").equals("true")
        && !RAW_DELIVERY.contains(protocol)) {
      throw new TemplateException(
          where
              + ".Properties.RawMessageDelivery: SNS delivers raw messages to SQS, HTTP/S and"
              + " Firehose endpoints only, not "
              + protocol);
    }
    JsonNode scope = properties.get("FilterPolicyScope");
    if (scope != null && !Set.of("MessageAttributes", "MessageBody").contains(scope.asText())) {
      throw new TemplateException(
          where
              + ".Properties.FilterPolicyScope: must be MessageAttributes or MessageBody, got "
              + scope.asText());
    }
  }
}
