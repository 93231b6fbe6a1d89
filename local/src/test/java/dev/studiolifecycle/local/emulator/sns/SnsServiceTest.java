package dev.studiolifecycle.local.emulator.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.StartedEmulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.KmsNotFoundException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Topic;

class SnsServiceTest {

  @RegisterExtension final StartedEmulator aws = new StartedEmulator();
  private final AwsEmulator emulator = aws.emulator();
  private final SnsClient sns = aws.clients().sns;

  @Test
  void aTagOutsideTheApiReferencesLengthsIsAnInvalidParameterAndNoTopicIsMade() {
    // SNS API reference, Tag: Key 1 to 128 characters, Value 0 to 256, both required.
    assertThatThrownBy(
            () ->
                sns.createTopic(
                    r -> r.name("tagged").tags(t -> t.key("k".repeat(129)).value("ml"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Invalid parameter: Tags.member.1 Reason: a tag Key is 1 to 128");
    assertThatThrownBy(
            () ->
                sns.createTopic(
                    r ->
                        r.name("tagged")
                            .tags(t -> t.key("team").value("ml"), t -> t.key("").value("x"))))
        .hasMessageContaining("Tags.member.2");
    assertThat(sns.listTopics().topics())
        .extracting(Topic::topicArn)
        .noneMatch(a -> a.endsWith(":tagged"));
    assertThat(sns.createTopic(r -> r.name("tagged").tags(t -> t.key("team").value(""))).topicArn())
        .endsWith(":tagged");
  }

  @Test
  void createTopicIsIdempotent() {
    String first = sns.createTopic(r -> r.name("studio-lifecycle-notifications")).topicArn();
    String second = sns.createTopic(r -> r.name("studio-lifecycle-notifications")).topicArn();

    assertThat(first)
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:studio-lifecycle-notifications");
    assertThat(second).isEqualTo(first);
    assertThat(emulator.sns().topicArns()).containsExactly(first);
  }

  /**
   * SNS API reference, CreateTopic: KmsMasterKeyId makes the topic encrypted; asking again for the
   * same name with another key is not the same topic.
   */
  @Test
  void anEncryptedTopicIsCreatedOnceWithItsKeyAndNotAgainWithAnother() {
    String arn =
        sns.createTopic(r -> r.name("encrypted").attributes(Map.of("KmsMasterKeyId", "1234")))
            .topicArn();

    assertThat(
            sns.createTopic(r -> r.name("encrypted").attributes(Map.of("KmsMasterKeyId", "1234")))
                .topicArn())
        .isEqualTo(arn);
    assertThatThrownBy(
            () ->
                sns.createTopic(
                    r -> r.name("encrypted").attributes(Map.of("KmsMasterKeyId", "5678"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Topic already exists with different attributes");
    assertThatThrownBy(() -> sns.createTopic(r -> r.name("encrypted")))
        .isInstanceOf(InvalidParameterException.class);
  }

  /**
   * The AWS managed key alias/aws/sns serves every principal of the account through SNS; another
   * alias names a key the local runtime cannot know, so Publish refuses it (KMSNotFound) rather
   * than pretend it was usable.
   */
  @Test
  void aTopicUnderAnUnknownAliasCannotBePublishedToButOneUnderTheSnsKeyCan() {
    String managed = emulator.sns().seedTopic("managed-key", "alias/aws/sns");
    String aliased = emulator.sns().seedTopic("aliased", "alias/team-key");

    sns.publish(r -> r.topicArn(managed).message("ok"));

    assertThat(emulator.sns().publishedMessages(managed)).hasSize(1);
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(aliased).message("no")))
        .isInstanceOf(KmsNotFoundException.class)
        .hasMessageContaining("alias/team-key");
    assertThat(emulator.sns().publishedMessages(aliased)).isEmpty();
  }

  @Test
  void publishedMessagesAreKeptInOrderWithSubjectAttributesTimeAndCaller() {
    String topic = emulator.sns().seedTopic("notifications");
    sns.publish(
        r ->
            r.topicArn(topic)
                .subject("Onboarded jane-doe")
                .message("{\"ok\":true}")
                .messageAttributes(
                    Map.of(
                        "outcome",
                            MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("SUCCEEDED")
                                .build(),
                        "attempt",
                            MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue("2")
                                .build(),
                        "blob",
                            MessageAttributeValue.builder()
                                .dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("hi"))
                                .build())));
    emulator.virtualClock().advance(Duration.ofMinutes(5));
    sns.publish(
        r ->
            r.topicArn(topic)
                .message("second")
                .overrideConfiguration(
                    c -> c.putHeader(ServiceRequest.CALLER_HEADER, "NotifyFunction")));

    assertThat(emulator.sns().publishedMessages()).hasSize(2);
    PublishedMessage first = emulator.sns().publishedMessages().get(0);
    assertThat(first.topicArn()).isEqualTo(topic);
    assertThat(first.subject()).isEqualTo("Onboarded jane-doe");
    assertThat(first.message()).isEqualTo("{\"ok\":true}");
    assertThat(first.attribute("outcome")).contains("SUCCEEDED");
    assertThat(first.attributes().get("attempt").dataType()).isEqualTo("Number");
    assertThat(first.attributes().get("blob").binaryValue()).isEqualTo("aGk=");
    assertThat(first.time()).isEqualTo(dev.studiolifecycle.local.time.VirtualClock.DEFAULT_ORIGIN);
    assertThat(first.caller()).isNull();
    PublishedMessage second = emulator.sns().publishedMessages(topic).get(1);
    assertThat(second.subjectLine()).isEmpty();
    assertThat(second.caller()).isEqualTo("NotifyFunction");
    assertThat(second.time()).isEqualTo(first.time().plus(Duration.ofMinutes(5)));
  }

  @Test
  void publishingToAMissingTopicIsNotFound() {
    assertThatThrownBy(
            () ->
                sns.publish(
                    r -> r.message("hi").topicArn("arn:aws:sns:us-east-1:123456789012:missing")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Topic does not exist");
    assertThat(emulator.sns().publishedMessages()).isEmpty();
  }

  @Test
  void badMessagesAreInvalidParameter() {
    String topic = emulator.sns().seedTopic("notifications");

    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Empty message");
    assertThatThrownBy(
            () -> sns.publish(r -> r.topicArn(topic).message("x").subject("line\nbreak")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Subject");
    assertThatThrownBy(
            () ->
                sns.publish(
                    r ->
                        r.topicArn(topic)
                            .message("x")
                            .messageAttributes(
                                Map.of(
                                    "n",
                                    MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue("many")
                                        .build()))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("'n'");
    assertThatThrownBy(
            () ->
                sns.publish(
                    r -> r.topicArn(topic).message("{\"email\":\"x\"}").messageStructure("json")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("No default entry");
    assertThatThrownBy(() -> sns.createTopic(r -> r.name("bad name")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(emulator.sns().publishedMessages()).isEmpty();
  }

  /**
   * SNS API reference, Publish: a subject is "UTF-8 text with no line breaks or control characters,
   * and less than 100 characters long", so letters beyond ASCII are fine.
   */
  @Test
  void subjectsMayBeAnyUnicodeTextUnderOneHundredCharacters() {
    String topic = emulator.sns().seedTopic("notifications");

    sns.publish(r -> r.topicArn(topic).message("x").subject("Offboarded Zoë Müller-Ødegård"));
    sns.publish(r -> r.topicArn(topic).message("x").subject("é".repeat(99)));

    assertThatThrownBy(
            () -> sns.publish(r -> r.topicArn(topic).message("x").subject("é".repeat(100))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Subject");
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("x").subject("tab\there")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(emulator.sns().publishedMessages()).hasSize(2);
  }

  /**
   * SNS API reference, MessageAttributeValue: every part of an attribute (name, type, value) counts
   * toward the message's 262,144 bytes.
   */
  @Test
  void messageAttributesCountTowardTheSizeLimit() {
    String topic = emulator.sns().seedTopic("notifications");
    String body = "x".repeat(262_144 - 100);
    MessageAttributeValue small =
        MessageAttributeValue.builder().dataType("String").stringValue("a".repeat(50)).build();
    MessageAttributeValue large =
        MessageAttributeValue.builder().dataType("String").stringValue("a".repeat(100)).build();

    sns.publish(r -> r.topicArn(topic).message(body).messageAttributes(Map.of("k", small)));
    assertThatThrownBy(
            () ->
                sns.publish(
                    r -> r.topicArn(topic).message(body).messageAttributes(Map.of("k", large))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Message too long");
    assertThat(emulator.sns().publishedMessages()).hasSize(1);
  }

  @Test
  void subscriptionsAreListedByTopicAndPendingUntilConfirmedForHttpAndEmail() {
    String topic = emulator.sns().seedTopic("notifications");

    String email =
        sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("ops@example.com"))
            .subscriptionArn();
    String queue =
        sns.subscribe(
                r ->
                    r.topicArn(topic)
                        .protocol("sqs")
                        .endpoint("arn:aws:sqs:us-east-1:123456789012:studio-events"))
            .subscriptionArn();
    String again =
        sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("ops@example.com"))
            .subscriptionArn();

    assertThat(email).isEqualTo("pending confirmation").isEqualTo(again);
    assertThat(queue).startsWith(topic + ":");
    assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions())
        .extracting(Subscription::subscriptionArn, Subscription::protocol, Subscription::endpoint)
        .containsExactly(
            tuple("PendingConfirmation", "email", "ops@example.com"),
            tuple(queue, "sqs", "arn:aws:sqs:us-east-1:123456789012:studio-events"));
    assertThatThrownBy(
            () -> sns.subscribe(r -> r.topicArn(topic).protocol("email").endpoint("not-an-email")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> sns.subscribe(r -> r.topicArn(topic).protocol("carrier-pigeon").endpoint("x")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("protocol");
    assertThatThrownBy(
            () ->
                sns.listSubscriptionsByTopic(
                    r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:nope")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listTopicsPagesAHundredAtATime() {
    for (int i = 0; i < 230; i++) {
      emulator.sns().seedTopic("topic-" + i);
    }

    ListTopicsResponse first = sns.listTopics(r -> {});
    assertThat(first.topics()).hasSize(100);
    assertThat(first.nextToken()).isNotBlank();
    assertThat(sns.listTopicsPaginator(r -> {}).topics().stream().map(Topic::topicArn))
        .hasSize(230)
        .doesNotHaveDuplicates()
        .contains("arn:aws:sns:us-east-1:123456789012:topic-229");
    assertThatThrownBy(() -> sns.listTopics(r -> r.nextToken("forged")))
        .isInstanceOf(InvalidParameterException.class);
  }
}
