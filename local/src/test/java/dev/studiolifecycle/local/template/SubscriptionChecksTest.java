package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What SNS's Subscribe refuses of a subscription (SNS API reference, Subscribe). */
class SubscriptionChecksTest {

  private static ObjectNode subscription(String protocol, String endpoint) {
    return LocalJson.MAPPER
        .createObjectNode()
        .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:OpsTopic")
        .put("Protocol", protocol)
        .put("Endpoint", endpoint);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "email, ops@example.com",
    "email-json, ops@example.com",
    "https, https://hooks.example.com/alarms",
    "sqs, arn:aws:sqs:us-east-1:123456789012:alarms",
    "lambda, arn:aws:lambda:us-east-1:123456789012:function:notify:live",
    "sms, +14155550100"
  })
  void endpointsOfTheirProtocolsFormAreTaken(String protocol, String endpoint) {
    assertThatCode(() -> SubscriptionChecks.check(subscription(protocol, endpoint), "S"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "email, ops-at-example.com, .Properties.Endpoint: 'ops-at-example.com' is not what the email"
        + " protocol takes",
    "sqs, https://sqs.us-east-1.amazonaws.com/123456789012/alarms, .Properties.Endpoint:"
        + " 'https://sqs.us-east-1.amazonaws.com/123456789012/alarms' is not what the sqs protocol"
        + " takes",
    "https, http://hooks.example.com, .Properties.Endpoint: 'http://hooks.example.com' is not"
        + " what the https protocol takes",
    "mail, ops@example.com, .Properties.Protocol: must be one of application",
  })
  void subscribeRefuses(String protocol, String endpoint, String message) {
    assertThatThrownBy(() -> SubscriptionChecks.check(subscription(protocol, endpoint), "S"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("S" + message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"email", "lambda"})
  void rawMessageDeliveryIsRefusedWhereSnsDoesNotDeliverRawMessages(String protocol) {
    ObjectNode subscription =
        subscription(
                protocol,
                protocol.equals("email")
                    ? "ops@example.com"
                    : "arn:aws:lambda:us-east-1:123456789012:function:notify")
            .put("RawMessageDelivery", true);
    assertThatThrownBy(() -> SubscriptionChecks.check(subscription, "S"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "S.Properties.RawMessageDelivery: SNS delivers raw messages to SQS, HTTP/S and"
                + " Firehose endpoints only, not "
                + protocol);
  }
}
