package dev.studiolifecycle.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.hr.EditedEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio-lifecycle hr-event}: both delivery paths, the reports, and exit codes 0, 1, 2. */
class HrEventCommandTest {

  private static final Path ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toAbsolutePath();
  private static final String EXECUTION_ARN =
      "arn:aws:states:us-east-1:123456789012:execution:studio-lifecycle-StudioUserLifecycle:";

  @TempDir Path dir;

  /** {@code hr-event --project-root <root> [options...] <files...>}. */
  private static String[] hrEvent(String... optionsAndFiles) {
    List<String> args = new ArrayList<>(List.of("hr-event", "--project-root", ROOT.toString()));
    for (String arg : optionsAndFiles) {
      args.add(arg.startsWith("events/") ? ROOT.resolve(arg).toString() : arg);
    }
    return args.toArray(String[]::new);
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  /**
   * With HrPublisherArn set, a message published by anyone else is refused by the HR topic's
   * policy: the command says so, starts nothing and exits 1; a usage error (a publisher of another
   * account) exits 2.
   */
  @Test
  void aMessagePublishedByAnyoneButTheHrSystemStartsNothingAndExitsOne() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              hrEvent(
                  "--parameter",
                  "HrPublisherArn=arn:aws:iam::123456789012:role/hr-system",
                  "--publisher",
                  "arn:aws:iam::123456789012:role/data-scientist",
                  "events/hr/employee-hired-sns.json"));

      assertThat(exit).as(command.err()).isEqualTo(1);
      assertThat(command.out())
          .contains(
              "SNS refuses the publish: AuthorizationError: arn:aws:iam::123456789012:role/"
                  + "data-scientist is not authorized to perform: sns:Publish on resource:"
                  + " arn:aws:sns:us-east-1:123456789012:HrTopic with an explicit deny in a"
                  + " resource-based policy (OnlyTheHrSystemPublishes of HrTopicPolicy); nothing is"
                  + " delivered")
          .contains("Executions of studio-lifecycle-StudioUserLifecycle: 0");
    }
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              hrEvent(
                  "--publisher",
                  "arn:aws:iam::999999999999:role/hr-system",
                  "events/hr/employee-hired-sns.json"));

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("--publisher: 'arn:aws:iam::999999999999:role/hr-system'");
    }
  }

  /** An SNS hire message, then the same message redelivered. */
  private static final String[] HIRED_THEN_REDELIVERED = {
    "events/hr/employee-hired-sns.json", "events/hr/employee-hired-sns-redelivered.json"
  };

  @Test
  void anSnsMessageOnboardsOnceAndItsRedeliveryStartsNothingNew() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent(HIRED_THEN_REDELIVERED));

      assertThat(exit).as(command.err()).isZero();
      String out = command.out();
      String arn = EXECUTION_ARN + "hr-2026-000124";
      assertThat(out)
          .contains(
              "== "
                  + ROOT.resolve("events/hr/employee-hired-sns.json")
                  + "\n"
                  + "SNS: StartWorkflow started execution "
                  + arn
                  + " (ONBOARD) for HR event hr-2026-000124\n"
                  + "Execution hr-2026-000124  (studio-lifecycle-StudioUserLifecycle)\n"
                  + "+00:00:00      Validate\n",
              "SUCCEEDED at +00:00:10 (virtual time)\n",
              "\"Onboarded john-roe\"  action=ONBOARD  outcome=SUCCEEDED\n",
              "7 state transitions billed (6 states, 1 retry), 5 Lambda invocations,"
                  + " virtual duration 00:00:10\n",
              "== "
                  + ROOT.resolve("events/hr/employee-hired-sns-redelivered.json")
                  + "\n"
                  + "SNS: StartWorkflow found execution "
                  + arn
                  + " for HR event hr-2026-000124 already started: a redelivery, nothing new "
                  + "started\n");
      assertThat(out)
          .endsWith(
              "== Summary\n"
                  + "Executions of studio-lifecycle-StudioUserLifecycle: 1\n"
                  + "  SUCCEEDED  "
                  + arn
                  + "\n"
                  + "Notifications published: 1\n");
      assertThat(occurrences(out, "\"Onboarded john-roe\"")).isOne();
      assertThat(out).as("handler logs are dropped").doesNotContain("\"level\"");
    }
  }

  @Test
  void aHireOnTheBusOnboards() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent("events/hr/employee-hired.json"));

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .contains(
              "EventBridge: rule StudioUserLifecycleStateMachineEmployeeHiredInDomain starts execution ",
              "\"userProfileName\":\"jane-doe\"",
              "+00:00:00      CreateUserProfile\n",
              "\"Onboarded jane-doe\"  action=ONBOARD  outcome=SUCCEEDED\n",
              "Executions of studio-lifecycle-StudioUserLifecycle: 1\n",
              "Notifications published: 1\n");
    }
  }

  @Test
  void aTerminationOnTheBusOffboards() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              hrEvent(
                  "--scenario",
                  ROOT.resolve("events/scenarios/offboarding-jane-doe.json").toString(),
                  "events/hr/employee-terminated.json"));

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out())
          .contains(
              "EventBridge: rule StudioUserLifecycleStateMachineEmployeeTerminated starts ",
              "DeleteUserResources\n",
              "AwaitDeletions\n",
              "\"Offboarded jane-doe\"  action=OFFBOARD  outcome=SUCCEEDED\n",
              "Executions of studio-lifecycle-StudioUserLifecycle: 1\n");
    }
  }

  @Test
  void aHireAndATerminationInOneInvocationOnboardAndOffboardInOneEmulator() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              hrEvent("events/hr/employee-hired.json", "events/hr/employee-terminated.json"));

      assertThat(exit).as(command.err()).isZero();
      String out = command.out();
      assertThat(out)
          .containsSubsequence(
              "rule StudioUserLifecycleStateMachineEmployeeHiredInDomain starts",
              "\"Onboarded jane-doe\"  action=ONBOARD  outcome=SUCCEEDED",
              "rule StudioUserLifecycleStateMachineEmployeeTerminated starts",
              // The profile the hire created is deleted: the termination saw it.
              "AwaitDeletions\n",
              "\"Offboarded jane-doe\"  action=OFFBOARD  outcome=SUCCEEDED",
              "Executions of studio-lifecycle-StudioUserLifecycle: 2\n",
              "Notifications published: 2\n");
      assertThat(occurrences(out, "  SUCCEEDED  " + EXECUTION_ARN)).isEqualTo(2);
    }
  }

  @Test
  void withOutputJsonEachExecutionTheEventsStartedIsADocumentAndNothingElseIsPrinted()
      throws IOException {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              hrEvent(
                  "events/hr/employee-hired.json",
                  "events/hr/not-matching-employee-promoted.json",
                  "--output",
                  "json"));

      assertThat(exit).as(command.err()).isZero();
      JsonNode document = new ObjectMapper().readTree(command.out());
      assertThat(command.out().lines()).hasSize(1);
      assertThat(document.path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(document.path("notifications").get(0).at("/message/userProfileName").asText())
          .isEqualTo("jane-doe");
    }
  }

  /** README.md's excerpt of the redelivery example: each line but "..." is printed, in order. */
  @Test
  void theReadmesRedeliveryExcerptIsWhatTheCommandPrints() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String after = readme.substring(readme.indexOf("The second command onboards john-roe once."));
    int start = after.indexOf("```text\n") + "```text\n".length();
    List<String> excerpt =
        after
            .substring(start, after.indexOf("```", start))
            .lines()
            .filter(line -> !line.equals("..."))
            .toList();
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent(HIRED_THEN_REDELIVERED));

      assertThat(exit).as(command.err()).isZero();
      // The files are named from the project's root here, as the README runs them there.
      List<String> printed =
          command.out().lines().map(line -> line.replace(ROOT + "/", "")).toList();
      int at = 0;
      for (String line : excerpt) {
        int found = printed.subList(at, printed.size()).indexOf(line);
        assertThat(found).as("README line, in order: " + line).isNotNegative();
        at += found + 1;
      }
    }
  }

  @Test
  void anEventNoRuleMatchesStartsNothingAndIsNotAnError() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent("events/hr/not-matching-employee-promoted.json"));

      assertThat(exit).isZero();
      assertThat(command.out())
          .contains(
              "EventBridge: no rule matched \"Employee Promoted\" from com.example.hr on bus "
                  + "studio-lifecycle-hr, nothing started\n",
              "Executions of studio-lifecycle-StudioUserLifecycle: 0\n")
          .doesNotContain("Execution ");
    }
  }

  @Test
  void anUnusableHireGoesToTheUnusableEventsQueueAndExitsTwo() throws IOException {
    Path event = EditedEvents.hireWithoutEmail(dir);
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent(event.toString()));

      assertThat(command.out())
          .contains(
              "rule HrEventsUnusableRule sent the event to "
                  + "arn:aws:sqs:us-east-1:123456789012:HrEventsUnusableQueue, nothing started");
      assertThat(exit).isEqualTo(2);
    }
  }

  /**
   * A deployment whose unusable-events queue does not let the rule send: the event is kept in the
   * HR dead-letter queue instead, and the run exits 1 (something an operator must look at).
   */
  @Test
  void anUnusableHireTheQueueRefusesGoesToTheDeadLetterQueueAndExitsOne() throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    String template = Files.readString(ROOT.resolve("template.yaml"));
    String grant = "                  - !GetAtt HrEventsUnusableRule.Arn\n\n";
    assertThat(template).contains(grant);
    Files.writeString(
        project.resolve("template.yaml"),
        template.replace(
            grant,
            "                  - !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}"
                + ":rule/another-rule\n\n"));
    Files.createDirectories(project.resolve("statemachine"));
    try (var files = Files.list(ROOT.resolve("statemachine"))) {
      for (Path file : files.toList()) {
        Files.copy(file, project.resolve("statemachine").resolve(file.getFileName()));
      }
    }
    Path event = EditedEvents.hireWithoutEmail(dir);
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "hr-event",
              "--project-root",
              project.toString(),
              "--scenario",
              ROOT.resolve("events/scenarios/studio-domains.json").toString(),
              event.toString());

      assertThat(command.out())
          .contains(
              "rule HrEventsUnusableRule could not send the event to "
                  + "arn:aws:sqs:us-east-1:123456789012:HrEventsUnusableQueue (")
          .contains("after its retries EventBridge puts it in ")
          .contains(":HrEventsDeadLetterQueue");
      assertThat(exit).as(command.err()).isEqualTo(1);
    }
  }

  @Test
  void anSnsMessageTheFilterPolicyKeepsFromStartWorkflowStartsNothingAndExitsZero() {
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent("events/start-workflow/malformed-message.json"));

      assertThat(command.out())
          .contains(
              "SNS: the subscription's filter policy kept the message (eventType \"Employee"
                  + " Promoted\") from StartWorkflow, nothing started",
              "Executions of studio-lifecycle-StudioUserLifecycle: 0\n");
      assertThat(exit).isZero();
    }
  }

  @Test
  void anSnsMessageThatIsNoHrMessageStartsNothingAndExitsOne() throws IOException {
    Path event = EditedEvents.snsHireWithoutUserName(dir);
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent(event.toString()));

      assertThat(command.out())
          .contains(
              "SNS: StartWorkflow failed with dev.studiolifecycle.error.InvalidHrMessage: ",
              "Lambda retries twice, then sends it to arn:aws:sqs:us-east-1:",
              "StartWorkflowDeadLetterQueue",
              "Executions of studio-lifecycle-StudioUserLifecycle: 0\n");
      assertThat(exit).isEqualTo(1);
    }
  }

  @Test
  void aMessageForADomainTheStackDoesNotServeIsRefusedAndExitsOne() throws IOException {
    Path event =
        EditedEvents.edited(
            dir,
            "other-domain.json",
            "events/hr/employee-hired-sns.json",
            "d-studiolocal01",
            "d-nosuchdomain1");
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent(event.toString()));

      // Validate refuses it by name before any call: the stack serves d-studiolocal01 only.
      assertThat(command.out())
          .contains(
              "dev.studiolifecycle.error.ValidationError: domainId: d-nosuchdomain1 is not a"
                  + " domain this stack serves (d-studiolocal01)",
              "outcome=FAILED",
              "  FAILED  " + EXECUTION_ARN + "hr-2026-000124\n");
      assertThat(exit).isEqualTo(1);
    }
  }

  @Test
  void aFileThatIsNoHrEventStopsBeforeAnythingStarts() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"eventId\": \"hr-1\"}");
    try (CommandOutput command = new CommandOutput()) {
      int exit = command.run(hrEvent("events/hr/employee-hired.json", bad.toString()));

      assertThat(command.err())
          .contains("hr-event: " + bad)
          .contains("is not an HR event in a shape this command knows");
      assertThat(command.out()).doesNotContain("starts execution");
      assertThat(exit).isEqualTo(2);
    }
  }

  @Test
  void handlerLogsGoToTheFileAskedAndTheShortOptionNamesWorkToo() throws IOException {
    Path log = dir.resolve("handlers.log");
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "hr-event",
              "--project-root",
              ROOT.toString(),
              "--handler-logs",
              log.toString(),
              ROOT.resolve("events/hr/employee-hired-sns.json").toString());

      assertThat(exit).as(command.err()).isZero();
      assertThat(command.out()).doesNotContain("\"level\"");
    }
    // EMF metrics of the handlers (their log lines go wherever Log4j was first pointed).
    assertThat(Files.readString(log)).contains("\"WorkflowsStarted\":1.0");
  }

  @Test
  void outsideTheProjectRootItSaysWhereToRunFrom() {
    try (CommandOutput command = new CommandOutput()) {
      int exit =
          command.run(
              "hr-event",
              "--project-root",
              dir.toString(),
              ROOT.resolve("events/hr/employee-hired.json").toString());

      assertThat(exit).isEqualTo(2);
      assertThat(command.err()).contains("run this command from the project's root folder");
    }
  }
}
