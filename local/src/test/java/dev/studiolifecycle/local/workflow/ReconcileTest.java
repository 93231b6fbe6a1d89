package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.runtime.ScheduledStarts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.UserProfileDetails;

/**
 * The reconcile state machine of template.yaml end to end: the HR roster in S3 against the served
 * domain, a plan first, then the plan applied as lifecycle executions in a Map Run.
 */
class ReconcileTest {

  private static final String DOMAIN = "d-studiolocal01";
  private static final String BUCKET = "studio-lifecycle-reconcilebucket";
  private static final AtomicInteger RUNS = new AtomicInteger();

  private LifecycleSimulation simulation;
  private EmulatorClients aws;

  @BeforeEach
  void start() {
    // One leaver of three managed profiles is a third of the domain: allowed here, refused by the
    // default guard (20 %), which guardRefuses... below shows.
    simulation =
        LifecycleSimulation.of(
            "reconcile.json", Map.of("RetentionDays", "0", "ReconcileMaxOffboardPercent", "50"));
    aws = new EmulatorClients(simulation.emulator());
    onboard("jane-doe", "risk");
    onboard("john-roe", "ml-platform");
    onboard("kim-lee", "risk");
  }

  @AfterEach
  void stop() {
    aws.close();
    simulation.close();
  }

  private void onboard(String user, String team) {
    JsonNode input =
        LifecycleSimulation.parse(
            "{\"action\": \"ONBOARD\", \"requestId\": \"hr-"
                + user
                + "\", \"domainId\": \""
                + DOMAIN
                + "\", \"userProfileName\": \""
                + user
                + "\", \"email\": \""
                + user
                + "@example.com\", \"team\": \""
                + team
                + "\"}");
    Execution execution = simulation.runtime().run("onboard-" + user, input);
    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  private void roster(String csv) {
    aws.s3.putObject(
        r -> r.bucket(BUCKET).key("roster/hr-export.csv"), RequestBody.fromString(csv));
  }

  private Execution reconcile(String input) {
    return reconcile(
        simulation.runtime().stepFunctions().stateMachine("ReconcileStateMachine").orElseThrow(),
        input);
  }

  private Execution reconcile(StateMachine machine, String input) {
    Execution execution =
        simulation
            .runtime()
            .engine()
            .start(
                machine, "reconcile-" + RUNS.incrementAndGet(), LifecycleSimulation.parse(input));
    return simulation.runtime().engine().awaitCompletion(execution);
  }

  private JsonNode object(String key) {
    return LifecycleSimulation.parse(
        new String(
            simulation.emulator().s3().object(BUCKET, key).orElseThrow(), StandardCharsets.UTF_8));
  }

  private List<String> profiles() {
    return aws.sageMaker.listUserProfiles(r -> r.domainIdEquals(DOMAIN)).userProfiles().stream()
        .map(UserProfileDetails::userProfileName)
        .sorted()
        .toList();
  }

  private JsonNode notification(Execution execution, String event) {
    return simulation.runtime().notifications().stream()
        .map(message -> LifecycleSimulation.parse(message.message()))
        .filter(message -> message.path("executionArn").asText().equals(execution.executionArn()))
        .filter(message -> message.path("event").asText().equals(event))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + event + " of " + execution.name()));
  }

  private static final String ROSTER =
      "userName,email,status,team\n"
          + "jane-doe,jane-doe@example.com,ACTIVE,risk\n"
          + "john-roe,john-roe@example.com,ACTIVE,risk\n"
          + "kim-lee,kim-lee@example.com,INACTIVE,risk\n"
          + "lee-park,lee-park@example.com,ACTIVE,ml-platform\n"
          + "bad row without enough fields\n";

  /**
   * A roster of many bad rows (an export in the wrong format): listing them all in the state and in
   * the notification would pass their 256 KiB (States.DataLimitExceeded, SNS refusing the message).
   * The first hundred are listed, each cut to 300 characters, and all of them are in S3.
   */
  @Test
  void aRosterOfManyBadRowsIsPlannedWithTheFirstListedAndEveryOneKeptInS3() {
    StringBuilder rows = new StringBuilder();
    rows.append("{\"userName\": \"jane-doe\", \"").append("x".repeat(2_000)).append("\": \"\"}\n");
    for (int i = 0; i < 10_000; i++) {
      rows.append("{\"userName\": \"user-")
          .append(i)
          .append("\", \"email\": \"not-an-address\", \"status\": \"ACTIVE\"}\n");
    }
    aws.s3.putObject(
        r -> r.bucket(BUCKET).key("roster/hr-export.jsonl"),
        RequestBody.fromString(rows.toString()));

    Execution execution =
        reconcile("{\"mode\": \"PLAN\", \"rosterKey\": \"roster/hr-export.jsonl\"}");

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode planned = notification(execution, "ReconcilePlanned");
    assertThat(planned.path("badRowCount").asInt()).isEqualTo(10_001);
    assertThat(planned.path("badRows")).hasSize(100);
    assertThat(planned.path("badRows").get(0).asText())
        .startsWith("line 1: unknown field xxx")
        .endsWith("...")
        .hasSize(300);
    assertThat(planned.path("badRows").get(99).asText()).startsWith("line 100: email");
    assertThat(planned.path("summary").asText()).contains("10001 roster rows skipped");
    JsonNode all = object(planned.path("badRowsKey").asText());
    assertThat(all).hasSize(10_001);
    assertThat(all.get(0).path("reason").asText()).hasSize("unknown field ".length() + 2_000);
    assertThat(all.get(10_000).path("line").asInt()).isEqualTo(10_001);
    assertThat(all.get(10_000).path("reason").asText()).startsWith("email: ");
  }

  @Test
  void aPlanListsJoinerMoverLeaverUnmanagedAndUnchangedAndChangesNothing() {
    roster(ROSTER);
    int mark = simulation.callCount();

    Execution execution = reconcile("{\"mode\": \"PLAN\"}");

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode planned = notification(execution, "ReconcilePlanned");
    JsonNode plan = object(planned.at("/plan/key").asText());
    List<String> items = new ArrayList<>();
    plan.forEach(
        item ->
            items.add(item.path("kind").asText() + " " + item.path("userProfileName").asText()));
    assertThat(items)
        .containsExactly(
            "UNMANAGED admin-sandbox",
            "UNCHANGED jane-doe",
            "MOVE john-roe",
            "LEAVE kim-lee",
            "JOIN lee-park");
    assertThat(planned.path("counts").path("JOIN").asInt()).isEqualTo(1);
    assertThat(planned.path("badRows")).hasSize(1);
    assertThat(planned.path("badRows").get(0).asText()).startsWith("line 6: ");
    assertThat(simulation.callsAfter(mark))
        .as("a plan only reads SageMaker")
        .filteredOn(call -> call.service().equals("sagemaker"))
        .noneMatch(RecordedCall::mutating);
    assertThat(profiles()).containsExactly("admin-sandbox", "jane-doe", "john-roe", "kim-lee");
  }

  @Test
  void applyingThePlanConvergesEachPersonAndLeavesTheUnmanagedProfileAlone() {
    roster(ROSTER);
    int mark = simulation.callCount();

    Execution execution = reconcile("{\"mode\": \"APPLY\"}");

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(profiles()).containsExactly("admin-sandbox", "jane-doe", "john-roe", "lee-park");
    String johnArn =
        aws.sageMaker
            .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("john-roe"))
            .userProfileArn();
    assertThat(aws.sageMaker.listTags(r -> r.resourceArn(johnArn)).tags())
        .anyMatch(tag -> tag.key().equals("team") && tag.value().equals("risk"));
    JsonNode applied = notification(execution, "ReconcileApplied");
    assertThat(applied.at("/items/Succeeded").asInt()).isEqualTo(3);
    JsonNode manifest = object(applied.at("/report/key").asText());
    assertThat(object(manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText())).hasSize(3);
    assertThat(simulation.callsAfter(mark))
        .as("nothing changes the profile the workflow does not manage")
        .filteredOn(RecordedCall::mutating)
        .noneMatch(call -> call.parameters().toString().contains("admin-sandbox"));
  }

  /**
   * A reconcile started before a stack update keeps the previous definition (events/upgrade/, from
   * before PlanReconcile wrote the skipped rows to S3) and calls this release's functions: it
   * applies the same plan (UpgradeTest holds the lifecycle state machine to the same rule).
   */
  @Test
  void anApplyStartedBeforeAStackUpdateConvergesTheSameWithTheNewFunctions() {
    roster(ROSTER);

    Execution execution =
        reconcile(
            simulation.previous("ReconcileStateMachine", "studio-reconcile.previous.asl.json"),
            "{\"mode\": \"APPLY\"}");

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(profiles()).containsExactly("admin-sandbox", "jane-doe", "john-roe", "lee-park");
    JsonNode applied = notification(execution, "ReconcileApplied");
    assertThat(applied.at("/items/Succeeded").asInt()).isEqualTo(3);
    assertThat(notification(execution, "ReconcilePlanned").at("/badRows/0").asText())
        .startsWith("line 6: ");
  }

  /**
   * An active person whose row has a typo in her e-mail address is skipped, never taken for a
   * leaver: an APPLY (one leaver would pass the guard) leaves her profile as it is.
   */
  @Test
  void anActivePersonWhoseRowWasSkippedIsNotOffboardedByAnApply() {
    roster(
        "userName,email,status,team\n"
            + "jane-doe,jane-doe(at)example.com,ACTIVE,risk\n"
            + "john-roe,john-roe@example.com,ACTIVE,ml-platform\n"
            + "kim-lee,kim-lee@example.com,ACTIVE,risk\n");

    Execution execution = reconcile("{\"mode\": \"APPLY\"}");

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode planned = notification(execution, "ReconcilePlanned");
    assertThat(planned.path("counts").path("LEAVE").asInt()).isZero();
    assertThat(object(planned.at("/plan/key").asText()).toString())
        .contains(
            "\"kind\":\"UNCHANGED\",\"domainId\":\"d-studiolocal01\",\"userProfileName\":"
                + "\"jane-doe\",\"reason\":\"line 2 skipped (email: must be an e-mail address"
                + " (local-part@domain)): not judged\"");
    assertThat(profiles()).containsExactly("admin-sandbox", "jane-doe", "john-roe", "kim-lee");
  }

  @Test
  void aProfileWhoseTeamTagAnAdministratorChangedMovesBackToItsTeam() {
    String janeArn =
        aws.sageMaker
            .describeUserProfile(r -> r.domainId(DOMAIN).userProfileName("jane-doe"))
            .userProfileArn();
    aws.sageMaker.addTags(
        r ->
            r.resourceArn(janeArn)
                .tags(
                    software.amazon.awssdk.services.sagemaker.model.Tag.builder()
                        .key("team")
                        .value("sandbox")
                        .build()));
    roster(ROSTER);

    Execution planned = reconcile("{\"mode\": \"PLAN\"}");
    JsonNode plan = object(notification(planned, "ReconcilePlanned").at("/plan/key").asText());
    Execution applied = reconcile("{\"mode\": \"APPLY\"}");

    assertThat(plan.toString())
        .contains(
            "\"kind\":\"MOVE\",\"domainId\":\"d-studiolocal01\",\"userProfileName\":\"jane-doe\","
                + "\"reason\":\"tags differ from team risk's: team: sandbox -> risk\"");
    assertThat(applied.status())
        .as(applied.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(aws.sageMaker.listTags(r -> r.resourceArn(janeArn)).tags())
        .anyMatch(tag -> tag.key().equals("team") && tag.value().equals("risk"));
  }

  private static final String EVERYONE_LEFT =
      "userName,email,status\n"
          + "jane-doe,jane-doe@example.com,INACTIVE\n"
          + "john-roe,john-roe@example.com,INACTIVE\n";

  @Test
  void aRosterThatWouldEmptyTheDomainIsRefusedUnlessTheRunSaysItIsIntended() {
    roster(EVERYONE_LEFT);
    int mark = simulation.callCount();

    Execution refused = reconcile("{\"mode\": \"APPLY\"}");

    assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(refused.error()).contains("Reconcile.GuardRefused");
    assertThat(notification(refused, "ReconcilePlanned").path("refusals").get(0).asText())
        .isEqualTo(DOMAIN + ": 3 of 3 managed profiles would leave, more than 50 %");
    assertThat(simulation.callsAfter(mark))
        .filteredOn(call -> call.service().equals("sagemaker"))
        .noneMatch(RecordedCall::mutating);
    assertThat(profiles()).containsExactly("admin-sandbox", "jane-doe", "john-roe", "kim-lee");

    Execution intended = reconcile("{\"mode\": \"APPLY\", \"allowLargeOffboarding\": true}");

    assertThat(intended.status())
        .as(intended.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(profiles()).containsExactly("admin-sandbox");
  }

  @Test
  void aRequestWithAnUnknownSettingIsRefusedByNameBeforeAnythingIsRead() {
    roster(ROSTER);

    Execution execution = reconcile("{\"mode\": \"APPLY\", \"roster\": \"roster/x.csv\"}");

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("Reconcile.PlanFailed");
    JsonNode failed = notification(execution, "ReconcilePlanFailed");
    assertThat(failed.path("error").asText())
        .isEqualTo("dev.studiolifecycle.error.ValidationError");
    assertThat(failed.path("cause").asText())
        .contains("roster: not a reconcile setting (mode, rosterKey, allowLargeOffboarding)");
  }

  /**
   * The template's nightly schedule run as EventBridge Scheduler runs it: its input, started as its
   * role ({@link dev.studiolifecycle.local.runtime.ScheduledStarts}); waits for the reconcile.
   */
  private static Execution nightly(LifecycleSimulation deployed) {
    ScheduledStarts.Outcome outcome = deployed.runtime().runSchedule("NightlyReconcileSchedule");
    assertThat(outcome).isInstanceOf(ScheduledStarts.Outcome.Started.class);
    Execution execution = ((ScheduledStarts.Outcome.Started) outcome).execution();
    assertThat(execution.stateMachine().name()).isEqualTo("studio-lifecycle-Reconcile");
    return deployed.runtime().engine().awaitCompletion(execution);
  }

  private static final String TERMINATION_LOST =
      "userName,email,status,team\n"
          + "jane-doe,jane-doe@example.com,INACTIVE,risk\n"
          + "john-roe,john-roe@example.com,ACTIVE,ml-platform\n"
          + "kim-lee,kim-lee@example.com,ACTIVE,risk\n";

  @Test
  void theNightlyPlanFindsALeaverWhoseTerminationNeverArrived() {
    roster(TERMINATION_LOST);

    Execution nightly = nightly(simulation);

    assertThat(nightly.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode planned = notification(nightly, "ReconcilePlanned");
    assertThat(planned.path("mode").asText())
        .as("the nightly run plans by default")
        .isEqualTo("PLAN");
    assertThat(planned.at("/counts/LEAVE").asInt()).isEqualTo(1);
    assertThat(object(planned.at("/plan/key").asText()).toString())
        .contains(
            "\"kind\":\"LEAVE\",\"domainId\":\"" + DOMAIN + "\",\"userProfileName\":\"jane-doe\"");
    assertThat(profiles()).contains("jane-doe");
  }

  @Test
  void aNightlyRunInApplyModeOffboardsTheLeaverWhoseTerminationNeverArrived() {
    try (LifecycleSimulation applying =
            LifecycleSimulation.of(
                "reconcile.json",
                Map.of(
                    "RetentionDays", "0",
                    "ReconcileMaxOffboardPercent", "50",
                    "ReconcileNightlyMode", "APPLY"));
        EmulatorClients clients = new EmulatorClients(applying.emulator())) {
      LifecycleSimulation previous = simulation;
      EmulatorClients previousAws = aws;
      simulation = applying;
      aws = clients;
      try {
        onboard("jane-doe", "risk");
        onboard("john-roe", "ml-platform");
        onboard("kim-lee", "risk");
        roster(TERMINATION_LOST);

        Execution nightly = nightly(applying);

        assertThat(nightly.status())
            .as(nightly.cause().orElse(""))
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(profiles()).containsExactly("admin-sandbox", "john-roe", "kim-lee");
        assertThat(notification(nightly, "ReconcileApplied").at("/items/Succeeded").asInt())
            .isEqualTo(1);
      } finally {
        simulation = previous;
        aws = previousAws;
      }
    }
  }

  private static final String THREE_JOINERS =
      "userName,email,status,team\n"
          + "jane-doe,jane-doe@example.com,ACTIVE,risk\n"
          + "john-roe,john-roe@example.com,ACTIVE,ml-platform\n"
          + "kim-lee,kim-lee@example.com,ACTIVE,risk\n"
          + "lee-park,lee-park@example.com,ACTIVE,risk\n"
          + "may-ito,may-ito@example.com,ACTIVE,risk\n"
          + "ned-fox,ned-fox@example.com,ACTIVE,risk\n";

  @Test
  void aRedriveAfterAnOutageRerunsOnlyTheItemsThatDidNotSucceed() {
    try (LifecycleSimulation oneAtATime =
            LifecycleSimulation.of(
                "reconcile.json",
                Map.of("ReconcileMaxConcurrency", "1", "ReconcileMaxOffboardPercent", "50"));
        EmulatorClients clients = new EmulatorClients(oneAtATime.emulator())) {
      LifecycleSimulation previous = simulation;
      EmulatorClients previousAws = aws;
      simulation = oneAtATime;
      aws = clients;
      try {
        roster(THREE_JOINERS);
        StateMachine machine =
            oneAtATime
                .runtime()
                .stepFunctions()
                .stateMachine("ReconcileStateMachine")
                .orElseThrow();
        Execution execution =
            oneAtATime
                .runtime()
                .engine()
                .start(machine, "cohort", LifecycleSimulation.parse("{\"mode\": \"APPLY\"}"));
        // Once lee-park's onboarding has succeeded, an outage that outlasts the retries of
        // may-ito's onboarding (the next, one at a time) fails it.
        oneAtATime
            .runtime()
            .engine()
            .scheduler()
            .runUntil(
                () -> lifecycleOf(oneAtATime, "lee-park").filter(Execution::isDone).isPresent());
        oneAtATime.fail(
            "sagemaker",
            "CreateUserProfile",
            dev.studiolifecycle.local.emulator.fault.InjectedFailure.SERVICE_UNAVAILABLE,
            LifecycleSimulation.UNAVAILABLE_RETRIES + 1);
        oneAtATime.runtime().engine().awaitCompletion(execution);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).contains("States.ExceedToleratedFailureThreshold");
        assertThat(profiles()).contains("lee-park").doesNotContain("may-ito", "ned-fox");
        assertThat(oneAtATime.runtime().engine().mapRuns().get(0).itemCounts().pending())
            .as("ned-fox's action never started")
            .isEqualTo(1);

        aws.sfn.redriveExecution(r -> r.executionArn(execution.executionArn()));
        oneAtATime.runtime().engine().awaitCompletion(execution);

        assertThat(execution.status())
            .as(execution.cause().orElse(""))
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(profiles()).contains("lee-park", "may-ito", "ned-fox");
        Map<String, Long> onboardings =
            oneAtATime.runtime().engine().executions().stream()
                .filter(e -> e.stateMachine().equals(oneAtATime.runtime().lifecycleStateMachine()))
                .filter(e -> !e.name().startsWith("onboard-"))
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        e -> e.input().path("userProfileName").asText(),
                        java.util.stream.Collectors.counting()));
        assertThat(onboardings)
            .as("those before may-ito are not run again; hers failed and ran again; ned-fox's once")
            .containsExactlyInAnyOrderEntriesOf(
                Map.of(
                    "jane-doe",
                    1L,
                    "john-roe",
                    1L,
                    "kim-lee",
                    1L,
                    "lee-park",
                    1L,
                    "may-ito",
                    2L,
                    "ned-fox",
                    1L));
        var described = aws.sfn.describeExecution(r -> r.executionArn(execution.executionArn()));
        assertThat(described.redriveCount()).isEqualTo(1);
        var mapRun = oneAtATime.runtime().engine().mapRuns().get(0);
        assertThat(mapRun.redriveCount()).isEqualTo(1);
        assertThat(mapRun.itemCounts().succeeded()).isEqualTo(6);
      } finally {
        simulation = previous;
        aws = previousAws;
      }
    }
  }

  private static java.util.Optional<Execution> lifecycleOf(
      LifecycleSimulation deployed, String user) {
    return deployed.runtime().engine().executions().stream()
        .filter(e -> e.stateMachine().equals(deployed.runtime().lifecycleStateMachine()))
        .filter(e -> e.input().path("userProfileName").asText().equals(user))
        .findFirst();
  }
}
