package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stack update while executions run: each running execution keeps the definition it started with,
 * and calls this release's functions (their {@code live} alias moved). An offboarding waits up to
 * RetentionDays (90) in its Retain state, so nearly every update finds some: each must still
 * finish. The previous definition is events/upgrade/studio-user-lifecycle.previous.asl.json (the
 * definition before RevokeAccess was given the execution's start time and the subjects were cut to
 * SNS's limit).
 */
class UpgradeTest {

  private static final String PREVIOUS = "studio-user-lifecycle.previous.asl.json";
  private static final String DOMAIN = "d-studiolocal01";

  @Test
  void anOffboardingStartedBeforeTheUpdateFinishesItsRetentionWithTheNewFunctions() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      Execution offboarding =
          succeededOnPrevious(simulation, "offboarding", "offboard-delete-role.json");

      assertThat(path(offboarding))
          .containsSubsequence(
              "RevokeAccess",
              "Retain",
              "DeleteKeptResources",
              "AwaitDeletions",
              "NotifyOffboarded");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe-studiolocal01")).isFalse();
    }
  }

  /**
   * The rehire comes after the update, so it runs the new definition, while the offboarding it
   * cancels runs the previous one.
   */
  @Test
  void aRehireAfterTheUpdateCancelsAnOffboardingStartedBeforeIt() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      Execution offboarding =
          simulation.start(
              simulation.previous(PREVIOUS),
              "offboarding",
              LifecycleSimulation.input("offboard-delete-role.json"));
      List<Execution> rehires = new ArrayList<>();
      simulation.at(
          Duration.ofDays(2),
          () ->
              rehires.add(
                  simulation.start(
                      "rehire", LifecycleSimulation.input("restore-during-retention.json"))));
      simulation.runtime().awaitExecution(offboarding.executionArn());

      assertThat(offboarding.status())
          .as(offboarding.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(rehires).as("the rehire started during the retention").hasSize(1);
      LifecycleSimulation.assertAllSucceeded(rehires);
      assertThat(path(rehires.get(0))).contains("RestoreAccess");
      assertThat(path(offboarding)).endsWith("NotifyOffboardingCancelled");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.revoked(DOMAIN, "jane-doe")).isFalse();
    }
  }

  @Test
  void anOnboardingStartedBeforeTheUpdateFinishesWithTheNewFunctions() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("onboarding-iam-propagation.json")) {
      Execution onboarding =
          succeededOnPrevious(simulation, "onboarding", "onboard-iam-new-role.json");

      assertThat(path(onboarding)).endsWith("NotifyOnboarded");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
    }
  }

  /**
   * An offboarding in every domain started before the update: the executions it starts for each
   * domain start after it, so they run the new definition.
   */
  @Test
  void anOffboardingInEveryDomainStartedBeforeTheUpdateStartsItsDomainsOnTheNewDefinition() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(
            "offboard-role-used-in-another-domain.json",
            Map.of("AdditionalDomainIds", "d-studiolocal02"))) {
      Execution parent =
          succeededOnPrevious(simulation, "everywhere", "offboard-every-domain.json");
      List<Execution> children = simulation.awaitOffboardingChildren(parent);
      assertThat(children).hasSize(2);
      assertThat(children)
          .allSatisfy(
              child ->
                  assertThat(child.stateMachine().definition())
                      .isSameAs(simulation.runtime().lifecycleStateMachine().definition())
                      .isNotSameAs(parent.stateMachine().definition()));
      assertThat(simulation.notification(parent).published().subject())
          .isEqualTo("OFFBOARD jane-doe in 2 domains");
    }
  }

  /**
   * Runs {@code events/statemachine/<input>} to its end on the previous definition and checks that
   * it succeeded.
   */
  private static Execution succeededOnPrevious(
      LifecycleSimulation simulation, String name, String input) {
    Execution execution =
        simulation.start(simulation.previous(PREVIOUS), name, LifecycleSimulation.input(input));
    simulation.runtime().awaitExecution(execution.executionArn());
    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    return execution;
  }

  /**
   * The event-order table outlives releases, and the stack too (DeletionPolicy: Retain): an item as
   * a release stored it (events/upgrade/event-order-item.json, jane-doe's termination issued at
   * 08:00) still holds back a hire issued before it, and the refusal names the stored request.
   */
  @Test
  void anEventOrderItemStoredByAnEarlierReleaseStillOrdersThePersonsRequests() throws IOException {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json");
        EmulatorClients aws = new EmulatorClients(simulation.emulator())) {
      store(aws, "EventOrderTable", "event-order-item.json");
      ObjectNode hire = (ObjectNode) LifecycleSimulation.input("onboard-iam-new-role.json");
      hire.put("occurredAt", "2026-01-05T07:00:00Z").put("requestId", "hr-late-hire");

      Execution execution = simulation.start("late-hire", hire);
      simulation.runtime().awaitExecution(execution.executionArn());

      assertThat(execution.error()).contains("dev.studiolifecycle.error.EventSuperseded");
      assertThat(execution.cause().orElse(""))
          .contains("before OFFBOARD hr-2026-000417 (issued at 2026-01-05T08:00:00Z)");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
    }
  }

  /** Stores {@code events/upgrade/<file>}, an item in DynamoDB's JSON (S and N values). */
  private static void store(EmulatorClients aws, String table, String file) throws IOException {
    JsonNode item =
        LifecycleSimulation.parse(
            Files.readString(LifecycleSimulation.PROJECT_ROOT.resolve("events/upgrade/" + file)));
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    item.fields()
        .forEachRemaining(
            field -> {
              JsonNode typed = field.getValue();
              AttributeValue value =
                  typed.has("N")
                      ? AttributeValue.fromN(typed.get("N").asText())
                      : AttributeValue.fromS(typed.get("S").asText());
              if (key.isEmpty()) {
                key.put(field.getKey(), value);
              } else {
                int i = sets.size();
                names.put("#a" + i, field.getKey());
                values.put(":v" + i, value);
                sets.add("#a" + i + " = :v" + i);
              }
            });
    aws.dynamoDb.updateItem(
        r ->
            r.tableName(table)
                .key(key)
                .updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
  }

  /**
   * Every sample request of events/statemachine/ with the scenarios README's table runs it on (its
   * own, of the same name, and the outages) ends the same way on the previous definition as on this
   * one: an onboarding undone after an outage, a notification that cannot be sent, an offboarding
   * stopped by a stuck app, a team move, each with the same status, error and profile left.
   */
  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("samplesWithScenarios")
  void aSampleRequestEndsTheSameWayOnThePreviousDefinitionAsOnThisOne(
      String input, String scenario) {
    assertThat(ending(input, scenario, true)).isEqualTo(ending(input, scenario, false));
  }

  static Stream<Arguments> samplesWithScenarios() throws IOException {
    Path events = LifecycleSimulation.PROJECT_ROOT.resolve("events");
    List<Arguments> samples = new ArrayList<>();
    try (Stream<Path> inputs = Files.list(events.resolve("statemachine"))) {
      inputs
          .map(input -> input.getFileName().toString())
          .filter(name -> Files.isRegularFile(events.resolve("scenarios").resolve(name)))
          .sorted()
          .forEach(name -> samples.add(Arguments.of(name, name)));
    }
    assertThat(samples).hasSizeGreaterThan(15);
    samples.addAll(
        List.of(
            Arguments.of("onboard-iam-new-role.json", "onboarding-iam-propagation.json"),
            Arguments.of("onboard-iam-new-role.json", "profile-creation-outage.json"),
            Arguments.of("onboard-iam-new-role.json", "notification-outage.json"),
            Arguments.of("invalid-request.json", "studio-domains.json"),
            Arguments.of("offboard-unknown-user.json", "studio-domains.json"),
            Arguments.of("offboard-stuck-app.json", "offboarding-stuck-app.json"),
            Arguments.of("offboard-delete-role.json", "throttling-storm.json")));
    return samples.stream();
  }

  /** How a run ended, and the status of the profile it named ("none": gone or never made). */
  private record Ending(ExecutionStatus status, String error, String profile) {}

  private static Ending ending(String sample, String scenario, boolean onPrevious) {
    try (LifecycleSimulation simulation = LifecycleSimulation.of(scenario)) {
      StateMachine machine =
          onPrevious ? simulation.previous(PREVIOUS) : simulation.runtime().lifecycleStateMachine();
      JsonNode input = LifecycleSimulation.input(sample);
      Execution execution = simulation.start(machine, "sample", input);
      simulation.runtime().awaitExecution(execution.executionArn());
      String profile =
          input.has("domainId") && input.has("userProfileName")
              ? simulation
                  .emulator()
                  .sageMaker()
                  .userProfileStatus(
                      input.path("domainId").asText(), input.path("userProfileName").asText())
                  .map(Object::toString)
                  .orElse("none")
              : null;
      return new Ending(execution.status(), execution.error().orElse(null), profile);
    }
  }
}
