package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.permissions.ServiceDeliveries;
import dev.studiolifecycle.local.template.EventRuleResource;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.RuleTarget;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * AWS services that publish to the template's topics on their own (CloudWatch for alarms,
 * EventBridge for rules) do so only if the topic's policy lets that service publish and, the topics
 * being encrypted, the key's policy lets it use the key (SNS developer guide, "Enable compatibility
 * between event sources from AWS services and encrypted topics"). Nothing refuses a template that
 * forgets one: the alarm or event is dropped without a word, on AWS as locally (no service of these
 * publishes here). So each is checked on the template: a statement granting the service, its
 * conditions evaluated with the keys the service sends ({@code aws:SourceAccount}, {@code
 * aws:SourceArn}).
 */
class ServicePublishersTest {

  private static final String CLOUDWATCH = "cloudwatch.amazonaws.com";
  private static final String EVENTBRIDGE = "events.amazonaws.com";

  private final SamTemplate template = ProjectFiles.template();
  private final Map<String, JsonNode> resources = template.resolvedResources();

  /**
   * A service delivering to a topic (or a queue) on behalf of one of the template's resources.
   *
   * @param topicArn where it delivers: the topic, or the dead-letter queue
   */
  private record Publisher(String service, String sourceArn, String topicArn, String source) {}

  @Test
  void everyServicePublisherMayPublishToItsTopicAndUseItsKey() {
    List<Publisher> publishers = publishers();
    assertThat(publishers)
        .as("alarms and rules that publish to the template's topics")
        .extracting(Publisher::service)
        .contains(CLOUDWATCH, EVENTBRIDGE);
    List<String> problems = new ArrayList<>();
    publishers.forEach(publisher -> problems.addAll(problems(publisher)));
    assertThat(problems).isEmpty();
  }

  /**
   * A rule's dead-letter queue receives from EventBridge, and a subscription's from SNS, only if
   * the queue's policy lets that service send (EventBridge user guide, "Using dead-letter queues to
   * process undelivered events"; SNS developer guide, "Configuring an Amazon SNS dead-letter queue
   * for a subscription"): otherwise the undeliverable event is dropped, and with it the record the
   * alarms watch.
   */
  @Test
  void everyDeadLetterQueueLetsItsServiceSend() {
    List<Publisher> senders = new ArrayList<>();
    for (EventRuleResource rule : template.eventRules()) {
      for (RuleTarget target : rule.targets()) {
        target
            .deadLetterQueue()
            .ifPresent(
                queue ->
                    senders.add(new Publisher(EVENTBRIDGE, rule.arn(), queue, rule.logicalId())));
      }
    }
    template
        .snsSubscriptions()
        .forEach(
            subscription ->
                subscription
                    .deadLetterQueue()
                    .ifPresent(
                        queue ->
                            senders.add(
                                new Publisher(
                                    "sns.amazonaws.com",
                                    subscription.topicArn(),
                                    queue,
                                    subscription.functionLogicalId()
                                        + "."
                                        + subscription.eventName()))));
    assertThat(senders).extracting(Publisher::service).contains(EVENTBRIDGE, "sns.amazonaws.com");
    List<String> problems = new ArrayList<>();
    for (Publisher sender : senders) {
      ServiceDeliveries.queueRefusal(
              template, sender.service(), sender.sourceArn(), sender.topicArn())
          .ifPresent(why -> problems.add(sender.source() + ": " + why));
    }
    assertThat(problems).isEmpty();
  }

  /**
   * A rule whose target is a queue (the unusable HR events) delivers there only if the queue's
   * policy lets EventBridge send for that rule; the rule's own ARN names its bus (a rule on the HR
   * bus is {@code rule/<bus>/<name>}), as the queue policy's {@code aws:SourceArn} must.
   *
   * <p>The same for every other target: a plain rule's role, a function's permission (SAM makes its
   * own events' grants). None of the template's rules drops its events.
   */
  @Test
  void everyRuleTargetGetsTheGrantEventBridgeNeeds() {
    List<String> problems = new ArrayList<>();
    int targets = 0;
    for (EventRuleResource rule : template.eventRules()) {
      for (RuleTarget target : rule.targets()) {
        targets++;
        ServiceDeliveries.deliveryRefusal(template, rule, target)
            .ifPresent(why -> problems.add(rule.logicalId() + " -> " + target.arn() + ": " + why));
      }
    }
    assertThat(targets).as("rule targets").isGreaterThan(10);
    assertThat(
            template.eventRules().stream()
                .flatMap(rule -> rule.targets().stream())
                .filter(target -> target.arn().startsWith("arn:aws:sqs:")))
        .as("rules targeting a queue")
        .isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void aKeyPolicyWithoutTheAlarmsStatementIsFound() {
    Publisher alarm =
        publishers().stream().filter(p -> p.service().equals(CLOUDWATCH)).findFirst().orElseThrow();
    JsonNode keyPolicy = keyOf(alarm.topicArn()).orElseThrow().deepCopy();
    ((ArrayNode) keyPolicy.path("Statement")).removeIf(s -> s.toString().contains(CLOUDWATCH));

    assertThat(keyUse(alarm, keyPolicy))
        .hasValueSatisfying(problem -> assertThat(problem).contains("kms:GenerateDataKey"));
  }

  private List<Publisher> publishers() {
    List<String> topics = template.topics().stream().map(t -> t.arn()).toList();
    List<Publisher> publishers = new ArrayList<>();
    resources.forEach(
        (logicalId, resource) -> {
          if (resource.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
            String alarmArn =
                LocalAccount.arn(
                    "cloudwatch",
                    "alarm:" + resource.at("/Properties/AlarmName").asText(logicalId));
            for (JsonNode action : resource.at("/Properties/AlarmActions")) {
              if (topics.contains(action.asText())) {
                publishers.add(new Publisher(CLOUDWATCH, alarmArn, action.asText(), logicalId));
              }
            }
          }
        });
    for (EventRuleResource rule : template.eventRules()) {
      for (RuleTarget target : rule.targets()) {
        if (topics.contains(target.arn())) {
          publishers.add(new Publisher(EVENTBRIDGE, rule.arn(), target.arn(), rule.logicalId()));
        }
      }
    }
    return publishers;
  }

  private List<String> problems(Publisher publisher) {
    List<String> problems = new ArrayList<>();
    Optional<JsonNode> topicPolicy = topicPolicyOf(publisher.topicArn());
    if (topicPolicy.isEmpty()) {
      problems.add(publisher.source() + ": " + publisher.topicArn() + " has no topic policy");
    } else {
      allows(publisher, topicPolicy.get(), "sns:Publish", publisher.topicArn())
          .ifPresent(problems::add);
    }
    Optional<JsonNode> keyPolicy = keyOf(publisher.topicArn());
    if (keyPolicy.isEmpty()) {
      problems.add(
          publisher.source()
              + ": "
              + publisher.topicArn()
              + " is not encrypted with a key of the template, whose policy could let "
              + publisher.service()
              + " use it (an AWS managed key cannot)");
    } else {
      keyUse(publisher, keyPolicy.get()).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<String> keyUse(Publisher publisher, JsonNode keyPolicy) {
    String keyArn = LocalAccount.arn("kms", "key/topic-key");
    for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
      Optional<String> problem = allows(publisher, keyPolicy, action, keyArn);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> allows(
      Publisher publisher, JsonNode policy, String action, String resource) {
    List<PolicyStatement> granted =
        PolicyStatement.grantedToService(policy, publisher.service(), resource, publisher.source());
    // SNS asks KMS with the topic as encryption context (aws:sns:topicArn).
    IamRequest request =
        new IamRequest(
            action,
            resource,
            Map.of(
                "aws:SourceAccount",
                List.of(LocalAccount.ACCOUNT_ID),
                "aws:SourceArn",
                List.of(publisher.sourceArn()),
                "kms:EncryptionContext:aws:sns:topicArn",
                List.of(publisher.topicArn())),
            publisher.source());
    PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(granted, request);
    return decision.allowed()
        ? Optional.empty()
        : Optional.of(
            publisher.source()
                + ": "
                + publisher.service()
                + " may not "
                + action
                + " on "
                + resource
                + ": "
                + decision.reason());
  }

  private Optional<JsonNode> topicPolicyOf(String topicArn) {
    return resources.values().stream()
        .filter(r -> r.path("Type").asText().equals("AWS::SNS::TopicPolicy"))
        .filter(r -> r.at("/Properties/Topics").toString().contains("\"" + topicArn + "\""))
        .map(r -> r.at("/Properties/PolicyDocument"))
        .findFirst();
  }

  /** The key policy of the template key the topic is encrypted with. */
  private Optional<JsonNode> keyOf(String topicArn) {
    String keyId =
        template.topics().stream()
            .filter(topic -> topic.arn().equals(topicArn))
            .findFirst()
            .orElseThrow()
            .kmsMasterKeyId();
    return resources.entrySet().stream()
        .filter(e -> e.getValue().path("Type").asText().equals("AWS::KMS::Key"))
        .filter(e -> keyId != null && template.ref(e.getKey()).equals(keyId))
        .map(e -> e.getValue().at("/Properties/KeyPolicy"))
        .findFirst();
  }
}
