package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code studio-lifecycle check} deploys the template and checks every delivery AWS makes on its
 * behalf: a platform team that edits template.yaml (its own key, its own queue policy) learns
 * before {@code sam deploy} that AWS would drop an alarm or an event, which AWS itself never says.
 */
class CheckCommandTest {

  private static final Path ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toAbsolutePath();

  /** The unusable-events queue's policy statement for its rule's events. */
  private static final String UNUSABLE_GRANT =
      "                  - !GetAtt HrEventsUnusableRule.Arn\n\n  StartWorkflowDeadLetterQueue:";

  @TempDir Path project;

  @Test
  void theTemplateAsShippedDropsNothing() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run("check", "--project-root", ROOT.toString());

      assertThat(command.out())
          .contains("ok      CloudWatch: alarm ExecutionsFailedAlarm -> ")
          .contains("ok      EventBridge: rule HrEventsUnusableRule -> ")
          .contains("ok      Scheduler: schedule NightlyReconcileSchedule -> ")
          .contains("ok      Lambda: ExecutionEndFunction's failed invocations -> ")
          .containsPattern("\\d+ deliveries checked, none that AWS would drop\n")
          .doesNotContain("DROPPED");
      assertThat(exit).isZero();
    }
  }

  @Test
  void aQueuePolicyForAnotherRuleIsADroppedDeliveryAndExitsOne() throws IOException {
    edit(
        UNUSABLE_GRANT,
        UNUSABLE_GRANT.replace(
            "!GetAtt HrEventsUnusableRule.Arn",
            "!Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/other"));
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(check());

      assertThat(command.out())
          .contains(
              "DROPPED EventBridge: rule HrEventsUnusableRule -> "
                  + "arn:aws:sqs:us-east-1:123456789012:HrEventsUnusableQueue: the policy of ")
          .contains("does not let events.amazonaws.com sqs:SendMessage")
          .contains("deliveries checked, 1 that AWS would drop");
      assertThat(exit).isEqualTo(1);
    }
  }

  /**
   * CloudWatch takes an alarm or a dashboard graph on any dimension value, so one given a queue's
   * {@code Ref} (its URL) or a function's ARN deploys and never sees a data point: SQS and Lambda
   * publish their metrics under the queue's and the function's name.
   */
  @Test
  void anAlarmOrAGraphOnADimensionValueNoServicePublishesIsReported() throws IOException {
    edit(
        Map.of(
            "          Value: !GetAtt ExecutionEndDeadLetterQueue.QueueName\n",
            "          Value: !Ref ExecutionEndDeadLetterQueue\n",
            "          Value: !Ref StartWorkflowFunction\n",
            "          Value: !GetAtt StartWorkflowFunction.Arn\n",
            "          HrEventsDeadLetterQueue: !GetAtt HrEventsDeadLetterQueue.QueueName\n",
            "          HrEventsDeadLetterQueue: !Ref HrEventsDeadLetterQueue\n"));
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(check());

      assertThat(command.out())
          .contains(
              "DROPPED CloudWatch: AWS/SQS ApproximateNumberOfMessagesVisible (QueueName=https://")
          .contains(
              "-> alarm ExecutionEndDeadLetterAlarm: SQS publishes QueueName as the queue's name")
          .contains(
              "DROPPED CloudWatch: AWS/Lambda DestinationDeliveryFailures"
                  + " (FunctionName=arn:aws:lambda:us-east-1:123456789012:function:"
                  + "StartWorkflowFunction) -> alarm StartWorkflowRecordsLostAlarm: Lambda publishes"
                  + " FunctionName as the function's bare name")
          .contains(
              "-> dashboard OperationsDashboard, widget 'Dead-letter and unusable-event queues"
                  + " (messages)': SQS publishes QueueName as the queue's name")
          .contains("the graph never shows data")
          .contains("deliveries checked, 3 that AWS would drop");
      assertThat(exit).isEqualTo(1);
    }
  }

  @Test
  void jsonOutputIsOneDocumentOfTheDeliveries() throws IOException {
    edit(
        "            Type: SQS\n            Destination: !GetAtt ExecutionEndDeadLetterQueue.Arn\n",
        "            Destination: !GetAtt ExecutionEndDeadLetterQueue.Arn\n");
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(check("--output", "json"));

      JsonNode document = LocalJson.MAPPER.readTree(command.out());
      assertThat(document.path("dropped").asInt()).isEqualTo(1);
      assertThat(document.path("deliveries"))
          .filteredOn(item -> !item.path("problem").isNull())
          .singleElement()
          .satisfies(
              item -> {
                assertThat(item.path("delivery").asText())
                    .isEqualTo(
                        "Lambda: ExecutionEndFunction's failed invocations -> "
                            + "arn:aws:sqs:us-east-1:123456789012:ExecutionEndDeadLetterQueue");
                assertThat(item.path("problem").asText())
                    .contains("no identity-based policy allows the sqs:SendMessage action");
              });
      assertThat(exit).isEqualTo(1);
    }
  }

  static Stream<Arguments> refusedDeployments() {
    return Stream.of(
        Arguments.of(
            "a retry count Lambda refuses",
            Map.of("        MaximumRetryAttempts: 2\n", "        MaximumRetryAttempts: 5\n"),
            new String[0],
            "EventInvokeConfig.MaximumRetryAttempts: must be 0, 1 or 2"),
        // PutDashboard refuses a body that is not JSON.
        Arguments.of(
            "a dashboard body that is not JSON",
            Map.of(
                "          ]}\n        - Lifecycle: !Ref",
                "          ]\n        - Lifecycle: !Ref"),
            new String[0],
            "Resources.OperationsDashboard.Properties.DashboardBody: is not a JSON object (after"
                + " Fn::Sub, if any)"),
        // SNS refuses an email endpoint that is no address only once the topic exists; the
        // template's OpsEmail pattern refuses it before anything is created.
        Arguments.of(
            "an OpsEmail that is no address",
            Map.of(),
            new String[] {"--parameter", "OpsEmail=ops-at-example.com"},
            "Parameters.OpsEmail: 'ops-at-example.com' failed to satisfy constraint: must be"
                + " empty or an e-mail address such as ops@example.com"),
        // The lifecycle state machine is <stack>-StudioUserLifecycle, and Step Functions takes
        // names of at most 80 characters: 61 is one too many.
        Arguments.of(
            "a stack name the state machine's name outgrows",
            Map.of(),
            new String[] {"--stack-name", "a" + "b".repeat(60)},
            "CreateStateMachine answered ValidationException: 1 validation error detected: Value"
                + " 'a"
                + "b".repeat(60)
                + "-StudioUserLifecycle' at 'name' failed to satisfy constraint: Member must have"
                + " length less than or equal to 80"),
        Arguments.of(
            "a stack name CloudFormation refuses",
            Map.of(),
            new String[] {"--stack-name", "9lives"},
            "Stack name '9lives': CloudFormation takes letters, digits and hyphens, starting with a"
                + " letter, at most 128"));
  }

  /** The names the template derives from the stack's name fit a stack name of 60 characters. */
  @Test
  void theStackNameSamDeployGivesNamesWhatTheTemplateDerivesFromIt() throws IOException {
    edit(Map.of());
    String stack = "a" + "b".repeat(59);
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(check("--stack-name", stack));

      assertThat(command.out())
          .contains(":stateMachine:" + stack + "-StudioUserLifecycle)")
          .contains(":stateMachine:" + stack + "-Reconcile)")
          .containsPattern("\\d+ deliveries checked, none that AWS would drop\n");
      assertThat(exit).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedDeployments")
  void aTemplateThatDoesNotDeployExitsTwoNamingTheProperty(
      String what, Map<String, String> edits, String[] options, String message) throws IOException {
    edit(edits);
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(check(options));

      assertThat(command.err()).startsWith("check: ").contains(message);
      assertThat(exit).isEqualTo(2);
    }
  }

  private String[] check(String... more) {
    return Stream.concat(
            Stream.of(
                "check",
                "--project-root",
                project.toString(),
                "--scenario",
                ROOT.resolve(HrEventCommand.DEFAULT_SCENARIO).toString()),
            Stream.of(more))
        .toArray(String[]::new);
  }

  /** The project's template with {@code from} replaced (first place) and its state machines. */
  private void edit(String from, String to) throws IOException {
    edit(Map.of(from, to));
  }

  /** The project's template with the first place of each key replaced by its value. */
  private void edit(Map<String, String> edits) throws IOException {
    String template = Files.readString(ROOT.resolve("template.yaml"));
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      assertThat(template).contains(edit.getKey());
      int at = template.indexOf(edit.getKey());
      template =
          template.substring(0, at)
              + edit.getValue()
              + template.substring(at + edit.getKey().length());
    }
    Files.writeString(project.resolve("template.yaml"), template);
    Path machines = Files.createDirectories(project.resolve("statemachine"));
    try (Stream<Path> files = Files.list(ROOT.resolve("statemachine"))) {
      for (Path file : files.toList()) {
        Files.copy(file, machines.resolve(file.getFileName()));
      }
    }
  }
}
