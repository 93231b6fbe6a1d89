package dev.studiolifecycle.local.hr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** HR events delivered to the project running locally, as AWS delivers them. */
class HrEventDeliveryTest {

  private static final Path ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toAbsolutePath();
  private static final String DOMAIN = "d-studiolocal01";

  @TempDir Path dir;

  private LocalWorkflowRuntime runtime;
  private HrEventDelivery delivery;

  @BeforeEach
  void deploy() {
    runtime =
        LocalWorkflowRuntime.builder(ROOT)
            .scenario(ScenarioLoader.load(ROOT.resolve("events/scenarios/studio-domains.json")))
            .build();
    delivery = new HrEventDelivery(runtime, new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  private List<Outcome> deliver(String file) {
    Path path = file.startsWith("/") ? Path.of(file) : ROOT.resolve(file);
    return delivery.deliver(HrEventReader.read(path, Instant.EPOCH));
  }

  private List<RecordedCall> startExecutionCalls() {
    return runtime.emulator().requestLog().calls("states", "StartExecution");
  }

  @Test
  void anSnsMessageStartsOneExecutionThroughStartWorkflowAndItsRedeliveryStartsNothingNew() {
    Outcome first = deliver("events/hr/employee-hired-sns.json").get(0);

    assertThat(first).isInstanceOf(Outcome.StartedByStartWorkflow.class);
    Outcome.StartedByStartWorkflow started = (Outcome.StartedByStartWorkflow) first;
    assertThat(started.eventId()).isEqualTo("hr-2026-000124");
    assertThat(started.action()).isEqualTo("ONBOARD");
    assertThat(started.execution().status())
        .as(started.execution().cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    String arn = started.execution().executionArn();
    assertThat(arn).endsWith(":execution:studio-lifecycle-StudioUserLifecycle:hr-2026-000124");
    assertThat(startExecutionCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.caller()).isEqualTo("StartWorkflowFunction");
              assertThat(call.succeeded()).isTrue();
            });

    List<Outcome> again = deliver("events/hr/employee-hired-sns-redelivered.json");

    assertThat(again).containsExactly(new Outcome.AlreadyStarted("hr-2026-000124", arn));
    assertThat(startExecutionCalls())
        .extracting(RecordedCall::errorCode)
        .containsExactly(null, "ExecutionAlreadyExists");
    try (EmulatorClients clients = new EmulatorClients(runtime.emulator())) {
      List<ExecutionListItem> executions =
          clients
              .sfn
              .listExecutions(r -> r.stateMachineArn(runtime.lifecycleStateMachine().arn()))
              .executions();
      assertThat(executions)
          .extracting(ExecutionListItem::executionArn, ExecutionListItem::statusAsString)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(arn, "SUCCEEDED"));
    }
    assertThat(runtime.notifications()).hasSize(1);
    assertThat(runtime.emulator().sageMaker().userProfileStatus(DOMAIN, "john-roe")).isPresent();
  }

  @Test
  void aHireOnTheBusOnboardsThroughTheHireRuleAndATerminationOffboards() {
    List<Outcome> hired = deliver("events/hr/employee-hired.json");

    assertThat(hired).singleElement().isInstanceOf(Outcome.StartedByRule.class);
    Outcome.StartedByRule onboarding = (Outcome.StartedByRule) hired.get(0);
    assertThat(onboarding.rule()).isEqualTo("StudioUserLifecycleStateMachineEmployeeHiredInDomain");
    assertThat(onboarding.input().path("action").asText()).isEqualTo("ONBOARD");
    assertThat(onboarding.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(runtime.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
        .contains(ResourceStatus.IN_SERVICE);

    List<Outcome> terminated = deliver("events/hr/employee-terminated.json");

    assertThat(terminated).singleElement().isInstanceOf(Outcome.StartedByRule.class);
    Outcome.StartedByRule offboarding = (Outcome.StartedByRule) terminated.get(0);
    assertThat(offboarding.rule()).isEqualTo("StudioUserLifecycleStateMachineEmployeeTerminated");
    assertThat(offboarding.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(runtime.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
    assertThat(startExecutionCalls()).as("EventBridge starts executions itself").isEmpty();
    assertThat(runtime.notifications()).hasSize(2);
  }

  @Test
  void aTransferOnTheBusMovesThePersonToTheTeamsSettingsAndAHireInATeamStartsThere()
      throws IOException {
    deliver("events/hr/employee-hired-sns.json");

    List<Outcome> moved = deliver("events/hr/employee-transferred.json");

    assertThat(moved).singleElement().isInstanceOf(Outcome.StartedByRule.class);
    Outcome.StartedByRule update = (Outcome.StartedByRule) moved.get(0);
    assertThat(update.rule()).isEqualTo("StudioUserLifecycleStateMachineEmployeeTransferred");
    assertThat(update.input().toString())
        .isEqualTo(
            "{\"action\":\"UPDATE\",\"requestId\":\"hr-2026-000555\","
                + "\"occurredAt\":\"2026-01-04T08:00:00Z\","
                + "\"domainId\":\"d-studiolocal01\",\"userProfileName\":\"john-roe\","
                + "\"team\":\"risk\"}");
    assertThat(update.execution().status())
        .as(update.execution().cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    try (EmulatorClients aws = new EmulatorClients(runtime.emulator())) {
      assertThat(
              aws.sageMaker
                  .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("john-roe"))
                  .userSettings()
                  .jupyterLabAppSettings()
                  .defaultResourceSpec()
                  .instanceTypeAsString())
          .isEqualTo("ml.m5.large");
      assertThat(
              aws.iam
                  .getRolePolicy(
                      r ->
                          r.roleName("studio-john-roe-studiolocal01")
                              .policyName("studio-lifecycle-s3-access"))
                  .policyDocument())
          .contains("risk-data");
    }

    Path hire =
        EditedEvents.edited(
            dir,
            "hired-in-team.json",
            "events/hr/employee-hired.json",
            "\"email\": \"jane.doe@example.com\"",
            "\"email\": \"jane.doe@example.com\", \"team\": \"ml-platform\"");
    Outcome.StartedByRule hired = (Outcome.StartedByRule) deliver(hire.toString()).get(0);

    assertThat(hired.rule())
        .isEqualTo("StudioUserLifecycleStateMachineEmployeeHiredInTeamInDomain");
    assertThat(hired.input().path("team").asText()).isEqualTo("ml-platform");
    assertThat(hired.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    try (EmulatorClients aws = new EmulatorClients(runtime.emulator())) {
      assertThat(
              aws.sageMaker
                  .listTags(
                      r ->
                          r.resourceArn(
                              aws.sageMaker
                                  .describeUserProfile(
                                      p -> p.domainId(DOMAIN).userProfileName("jane-doe"))
                                  .userProfileArn()))
                  .tags())
          .anySatisfy(
              tag -> {
                assertThat(tag.key()).isEqualTo("team");
                assertThat(tag.value()).isEqualTo("ml-platform");
              });
    }
  }

  @Test
  void theSameBusEventDeliveredTwiceStartsTwoExecutionsAndTheSecondChangesNothing() {
    Outcome.StartedByRule first =
        (Outcome.StartedByRule) deliver("events/hr/employee-hired.json").get(0);
    int mutations = runtime.emulator().requestLog().mutatingCalls().size();

    Outcome.StartedByRule second =
        (Outcome.StartedByRule) deliver("events/hr/employee-hired.json").get(0);

    // EventBridge names the executions it starts: a redelivery is a second execution, which
    // finds what the first created (README, HR events), never a crash.
    assertThat(second.execution().name()).isNotEqualTo(first.execution().name());
    assertThat(second.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(
            runtime.emulator().requestLog().mutatingCalls().stream()
                .skip(mutations)
                .map(call -> call.service() + ":" + call.operation()))
        .containsExactly("sns:Publish");
  }

  @Test
  void anSnsMessageThatReusesAnEventIdForOtherContentIsRefusedLoudlyAndStartsNothing()
      throws IOException {
    deliver("events/hr/employee-hired-sns.json");
    Path reused =
        EditedEvents.edited(
            dir,
            "terminated-with-the-hires-id.json",
            "events/hr/employee-hired-sns.json",
            "Employee Hired",
            "Employee Terminated");
    Files.writeString(
        reused,
        Files.readString(reused).replace(", \\\"email\\\": \\\"john.roe@example.com\\\"", ""));
    int executions = runtime.engine().executions().size();

    List<Outcome> outcomes = deliver(reused.toString());

    assertThat(outcomes).singleElement().isInstanceOf(Outcome.StartWorkflowFailed.class);
    Outcome.StartWorkflowFailed failed = (Outcome.StartWorkflowFailed) outcomes.get(0);
    assertThat(failed.errorType()).isEqualTo("dev.studiolifecycle.error.InvalidHrMessage");
    assertThat(failed.errorMessage())
        .contains("eventId: hr-2026-000124 was already used by another message")
        .contains("differs in action");
    assertThat(runtime.engine().executions()).hasSize(executions);
  }

  @Test
  void anEventNoRuleMatchesStartsNothing() {
    assertThat(deliver("events/hr/not-matching-employee-promoted.json"))
        .containsExactly(
            new Outcome.NoRuleMatched(
                "Employee Promoted", "com.example.hr", "studio-lifecycle-hr"));
    assertThat(runtime.engine().executions()).isEmpty();
  }

  @Test
  void aHireWithoutEmailGoesToTheUnusableEventsQueue() throws IOException {
    Path event = EditedEvents.hireWithoutEmail(dir);

    assertThat(deliver(event.toString()))
        .containsExactly(
            new Outcome.SentElsewhere(
                "HrEventsUnusableRule",
                "arn:aws:sqs:us-east-1:123456789012:HrEventsUnusableQueue"));
    assertThat(runtime.engine().executions()).isEmpty();
  }

  @Test
  void anSnsMessageOfAnEventTypeTheWorkflowIgnoresIsFilteredOutBeforeStartWorkflow() {
    // SNS filter policies (MessageBody scope): only the four event types the workflow acts on.
    List<Outcome> outcomes = deliver("events/start-workflow/malformed-message.json");

    assertThat(outcomes).containsExactly(new Outcome.FilteredOut("Employee Promoted"));
    assertThat(startExecutionCalls()).isEmpty();
    assertThat(runtime.engine().executions()).isEmpty();
  }

  @Test
  void anSnsMessageThatIsNoHrMessageFailsStartWorkflowAndStartsNothing() throws IOException {
    Path noUser = EditedEvents.snsHireWithoutUserName(dir);
    List<Outcome> outcomes = deliver(noUser.toString());

    assertThat(outcomes).singleElement().isInstanceOf(Outcome.StartWorkflowFailed.class);
    Outcome.StartWorkflowFailed failed = (Outcome.StartWorkflowFailed) outcomes.get(0);
    assertThat(failed.errorType()).isEqualTo("dev.studiolifecycle.error.InvalidHrMessage");
    assertThat(failed.errorMessage()).contains("employee.userName: is required");
    assertThat(startExecutionCalls()).isEmpty();
    assertThat(runtime.engine().executions()).isEmpty();
  }
}
