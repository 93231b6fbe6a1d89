package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.runtime.DeliveryChecks;
import dev.studiolifecycle.local.runtime.DeliveryChecks.Check;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS services that deliver on the template's behalf on their own (CloudWatch for alarms,
 * EventBridge for rules, SNS for its subscriptions' dead letters, Scheduler for schedules) do so
 * only with the grants AWS reads: the topic's policy and, the topics being encrypted, the key's
 * policy (SNS developer guide, "Enable compatibility between event sources from AWS services and
 * encrypted topics"); a queue's policy (EventBridge user guide, "Using dead-letter queues to
 * process undelivered events"; SNS developer guide, "Configuring an Amazon SNS dead-letter queue
 * for a subscription"); a role the service may assume. Nothing refuses a template that forgets one:
 * the alarm or event is dropped without a word. So each is checked on the template ({@link
 * DeliveryChecks}, what {@code studio-lifecycle check} prints), conditions evaluated with the keys
 * the service sends ({@code aws:SourceAccount}, {@code aws:SourceArn}).
 */
class ServicePublishersTest {

  private final SamTemplate template = ProjectFiles.template();

  @Test
  void everyDeliveryOfTheTemplateHasTheGrantsAwsReads() {
    List<Check> checks = DeliveryChecks.ofTemplate(template);

    assertThat(checks)
        .extracting(Check::delivery)
        .anySatisfy(d -> assertThat(d).startsWith("CloudWatch: alarm ").contains(":sns:"))
        .anySatisfy(d -> assertThat(d).startsWith("EventBridge: rule ").endsWith("OpsTopic"))
        .anySatisfy(d -> assertThat(d).contains("'s dead letters -> arn:aws:sqs:"))
        .anySatisfy(d -> assertThat(d).startsWith("EventBridge: rule HrEventsUnusableRule -> "))
        .anySatisfy(d -> assertThat(d).startsWith("SNS: StartWorkflowFunction."))
        .anySatisfy(d -> assertThat(d).startsWith("Scheduler: schedule "));
    assertThat(checks.stream().filter(check -> check.problem().isPresent()))
        .as("deliveries AWS would drop")
        .isEmpty();
  }

  @Test
  void aKeyPolicyWithoutTheAlarmsStatementIsFound() throws IOException {
    SamTemplate edited =
        edited(
            "          - Sid: AlarmsPublishToTheOpsTopic\n"
                + "            Effect: Allow\n"
                + "            Principal:\n"
                + "              Service: cloudwatch.amazonaws.com\n",
            "          - Sid: AlarmsPublishToTheOpsTopic\n"
                + "            Effect: Allow\n"
                + "            Principal:\n"
                + "              Service: monitoring.example.com\n");

    assertThat(problems(edited))
        .isNotEmpty()
        .allSatisfy(
            problem ->
                assertThat(problem)
                    .startsWith("CloudWatch: alarm ")
                    .contains("does not let cloudwatch.amazonaws.com kms:GenerateDataKey"));
  }

  @Test
  void aTopicPolicyThatForgetsEventBridgeDropsTheRulesEvents() throws IOException {
    String statement =
        "              Service: events.amazonaws.com\n            Action: sns:Publish";
    String template = Files.readString(ProjectFiles.root().resolve("template.yaml"));
    assertThat(template).contains(statement);

    assertThat(
            problems(
                edited(
                    statement,
                    "              Service: monitoring.example.com\n            Action: sns:Publish")))
        .isNotEmpty()
        .allSatisfy(
            problem ->
                assertThat(problem)
                    .startsWith("EventBridge: rule ")
                    .contains("does not let events.amazonaws.com sns:Publish"));
  }

  private static List<String> problems(SamTemplate template) {
    return DeliveryChecks.ofTemplate(template).stream()
        .filter(check -> check.problem().isPresent())
        .map(check -> check.delivery() + ": " + check.problem().get())
        .toList();
  }

  private static SamTemplate edited(String from, String to) throws IOException {
    Path file = ProjectFiles.root().resolve("template.yaml");
    String text = Files.readString(file);
    assertThat(text).contains(from);
    return SamTemplate.parse(
        text.replace(from, to), file, Map.of("DomainId", ProjectFiles.DOMAIN_ID));
  }
}
