package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.fault.InjectedFailure;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.runtime.ExecutionEndEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every end is told, exactly once: the ends no Catch reaches (the state machine's time limit, an
 * abort, a payload limit, the execution's own notification failing) reach the ExecutionEnd function
 * through EventBridge, which notifies from the history; when SNS refuses that too, the event lands
 * in the function's dead-letter queue.
 */
class UntoldEndsTest {

  private static List<PublishedMessage> told(LifecycleSimulation simulation, Execution execution) {
    return simulation.runtime().notifications().stream()
        .filter(m -> m.message().contains(execution.executionArn()))
        .toList();
  }

  private static JsonNode only(LifecycleSimulation simulation, Execution execution) {
    List<PublishedMessage> told = told(simulation, execution);
    assertThat(told).as("told exactly once").hasSize(1);
    return LifecycleSimulation.parse(told.get(0).message());
  }

  @Test
  void anExecutionPastTheStateMachinesTimeLimitIsTold() throws IOException {
    // The project's time limit (93 days) is longer than any bounded wait; a deployment with a
    // 6-hour limit shows what happens when an execution outlives it.
    Path project = withTimeLimit(Duration.ofHours(6));
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(
            project, "offboarding-stuck-app.json", Map.of("MaxAppDeletionWaitSeconds", "86400"))) {
      Execution execution = simulation.run("offboard-stuck-app.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
      JsonNode message = only(simulation, execution);
      assertThat(message.path("status").asText()).isEqualTo("TIMED_OUT");
      assertThat(message.path("error").asText()).isEqualTo("States.Timeout");
      assertThat(message.path("action").asText()).isEqualTo("OFFBOARD");
      assertThat(message.path("userProfileName").asText()).isEqualTo("stuck-user");
      assertThat(message.path("lastState").asText()).isEqualTo("AwaitDeletions");
      assertThat(message.at("/offboarding/appsFound").asInt()).isEqualTo(2);
      assertThat(simulation.runtime().deadLetters()).isEmpty();
    }
  }

  @TempDir Path deployment;

  /** The project's template and state machine, with the state machine's TimeoutSeconds changed. */
  private Path withTimeLimit(Duration limit) throws IOException {
    Path root = LifecycleSimulation.PROJECT_ROOT;
    Files.copy(root.resolve("template.yaml"), deployment.resolve("template.yaml"));
    Files.createDirectories(deployment.resolve("statemachine"));
    Files.copy(
        root.resolve("statemachine/studio-reconcile.asl.json"),
        deployment.resolve("statemachine/studio-reconcile.asl.json"));
    String definition =
        Files.readString(root.resolve("statemachine/studio-user-lifecycle.asl.json"));
    String limited =
        definition.replaceFirst(
            "\"TimeoutSeconds\": \\d+", "\"TimeoutSeconds\": " + limit.toSeconds());
    assertThat(limited).isNotEqualTo(definition);
    Files.writeString(deployment.resolve("statemachine/studio-user-lifecycle.asl.json"), limited);
    return deployment;
  }

  /** An offboarding named {@code name}, stopped by hand a minute in and awaited. */
  private static Execution abortedOffboarding(LifecycleSimulation simulation, String name) {
    Execution execution =
        simulation
            .runtime()
            .engine()
            .start(
                simulation.runtime().lifecycleStateMachine(),
                name,
                LifecycleSimulation.input("offboard-delete-role.json"));
    simulation.at(
        Duration.ofMinutes(1),
        () -> simulation.runtime().engine().stop(execution, "Operator", "stopped by hand"));
    simulation.runtime().awaitExecution(execution.executionArn());
    return execution;
  }

  @Test
  void anAbortedExecutionIsTold() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json")) {
      Execution execution = abortedOffboarding(simulation, "aborted-offboarding");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
      JsonNode message = only(simulation, execution);
      assertThat(message.path("status").asText()).isEqualTo("ABORTED");
      assertThat(message.path("error").asText()).isEqualTo("Operator");
      assertThat(message.path("cause").asText()).isEqualTo("stopped by hand");
    }
  }

  /**
   * The subject names the execution (up to 80 characters) and its status; SNS refuses a Subject of
   * 100 characters or more (API reference, Publish), so a long one is cut to 99.
   */
  @Test
  void anAbortedExecutionWithTheLongestNameIsToldUnderSnssSubjectLimit() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json")) {
      String name = "offboarding-" + "x".repeat(68);
      assertThat(name).hasSize(80);

      Execution execution = abortedOffboarding(simulation, name);

      JsonNode message = only(simulation, execution);
      assertThat(message.path("status").asText()).isEqualTo("ABORTED");
      String subject = told(simulation, execution).get(0).subject();
      assertThat(subject).hasSize(99).startsWith("Execution " + name);
    }
  }

  /**
   * A request 64 bytes under StartExecution's 256 KiB (262,144 bytes): Validate refuses it (an
   * unknown field), and its Catch, which adds the error to the request, passes the payload limit:
   * States.DataLimitExceeded, which no Catch takes.
   */
  @Test
  void aRequestTooLargeForValidatesInputIsToldWithoutRepeatingIt() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      ObjectNode input = LifecycleSimulation.input("onboard-iam-new-role.json").deepCopy();
      input.put("padding", "");
      input.put("padding", "x".repeat(262_144 - 64 - input.toString().length()));
      assertThat(input.toString()).hasSize(262_144 - 64);

      Execution execution = simulation.runtime().run("too-large", input);

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("States.DataLimitExceeded");
      JsonNode message = only(simulation, execution);
      assertThat(message.path("error").asText()).isEqualTo("States.DataLimitExceeded");
      assertThat(message.has("userProfileName")).as("the request was never validated").isFalse();
      assertThat(told(simulation, execution).get(0).message())
          .doesNotContain("@example.com")
          .doesNotContain("xxxxxxxx");
    }
  }

  @Test
  void anExecutionWhoseOwnNotificationFailedIsToldByTheRuleOnce() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("notification-outage.json")) {
      Execution execution = simulation.run("onboard-iam-new-role.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      JsonNode message = only(simulation, execution);
      assertThat(message.path("error").asText()).isEqualTo("SNS.InternalFailureException");
      assertThat(message.path("lastState").asText()).isEqualTo("NotNotified");
      assertThat(message.at("/created/userProfile/createdByThisRun").asBoolean()).isTrue();
    }
  }

  @Test
  void whenSnsRefusesTheRuleTooTheEventLandsInTheDeadLetterQueueWithTheError() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      // The execution's own notification (1 + 3 retries), then ExecutionEnd's (1 + 2 retries).
      simulation.fail("sns", "Publish", InjectedFailure.INTERNAL_FAILURE, 7);

      Execution execution = simulation.run("invalid-request.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(simulation.runtime().notifications()).isEmpty();
      assertThat(simulation.runtime().deadLetters())
          .singleElement()
          .satisfies(
              (ExecutionEndEvents.DeadLetter letter) -> {
                assertThat(letter.functionName()).isEqualTo("ExecutionEndFunction");
                assertThat(letter.queueArn()).contains("ExecutionEndDeadLetterQueue");
                assertThat(letter.event().at("/detail/executionArn").asText())
                    .isEqualTo(execution.executionArn());
                assertThat(letter.error()).contains("InternalFailure");
              });
    }
  }

  /** The case: an offboarding that fails half done while SNS is down is not lost. */
  @Test
  void aFailedOffboardingWhileSnsIsDownLandsInTheDeadLetterQueueWithItsEnd() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-stuck-app.json")) {
      simulation.fail("sns", "Publish", InjectedFailure.INTERNAL_FAILURE, 100);

      Execution execution = simulation.run("offboard-stuck-app.json");

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(execution.error()).contains("dev.studiolifecycle.error.WaitTimedOut");
      assertThat(simulation.runtime().notifications()).isEmpty();
      assertThat(simulation.runtime().deadLetters())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.event().at("/detail/status").asText()).isEqualTo("FAILED");
                assertThat(letter.event().at("/detail/error").asText())
                    .isEqualTo("dev.studiolifecycle.error.WaitTimedOut");
              });
    }
  }

  @Test
  void anExecutionThatToldItselfIsNotToldAgain() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      Execution rejected = simulation.run("invalid-request.json");

      assertThat(rejected.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(told(simulation, rejected)).hasSize(1);
      assertThat(simulation.emulator().requestLog().calls("states", "GetExecutionHistory"))
          .as("the rule's function looked and found the execution's own message")
          .hasSize(1);
    }
  }
}
