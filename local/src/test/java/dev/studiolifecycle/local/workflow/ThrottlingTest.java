package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A throttling storm on every SageMaker operation (events/scenarios/throttling-storm.json): the
 * state machine's retries, with backoff and full jitter, carry each run to success.
 */
class ThrottlingTest {

  private static final String DOMAIN = "d-studiolocal01";

  @Test
  void retriesCarryAnOffboardingThroughAStormOnEverySageMakerOperation() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("throttling-storm.json")) {
      Execution execution = simulation.run("offboard-delete-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).endsWith("DeleteExecutionRole", "NotifyOffboarded");
      assertThat(throttledOperations(simulation))
          .as("the storm reached the offboarding's SageMaker calls")
          .contains("DeleteApp");
      assertThat(throttledTasks(execution)).isNotEmpty();
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe")).isEmpty();
      assertThat(simulation.emulator().iam().roleExists("studio-jane-doe")).isFalse();
      assertThat(simulation.notification(execution).outcome()).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void retriesCarryAnOnboardingThroughAStormOnEverySageMakerOperation() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("throttling-storm.json", OnboardingTest.EXISTING_ROLE_ALLOWED)) {
      Execution execution = simulation.run("onboard-existing-role.json");

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(execution)).endsWith("AwaitProfileReady", "NotifyOnboarded");
      assertThat(throttledOperations(simulation))
          .as("the storm reached the onboarding")
          .isNotEmpty();
      assertThat(throttledTasks(execution)).isNotEmpty();
      assertThat(simulation.emulator().requestLog().calls("sagemaker", "CreateUserProfile"))
          .filteredOn(RecordedCall::succeeded)
          .hasSize(1);
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "sam-lee"))
          .contains(ResourceStatus.IN_SERVICE);
      assertThat(simulation.notification(execution).outcome()).isEqualTo("SUCCEEDED");
    }
  }

  /**
   * The measurement: a hundred onboardings started together under the storm's rates. Each
   * Validate is throttled many times over; a throttled service is never a wrong request, so every
   * run must end onboarded and none as "Rejected request".
   */
  @Test
  void aHundredOnboardingsStartedTogetherInAStormAllSucceedAndNoneIsRejected() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("throttling-storm.json")) {
      ExecutionEngine engine = simulation.runtime().engine();
      JsonNode request = LifecycleSimulation.input("onboard-iam-new-role.json");
      List<Execution> executions = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ObjectNode input = request.deepCopy();
        input.put("userProfileName", "storm-user-" + i);
        input.put("requestId", "hr-storm-" + i);
        executions.add(
            engine.start(simulation.runtime().lifecycleStateMachine(), "storm-" + i, input));
      }
      engine.runUntilIdle();

      LifecycleSimulation.assertAllSucceeded(executions);
      assertThat(simulation.runtime().notifications())
          .extracting(PublishedMessage::subject)
          .noneMatch(subject -> subject.startsWith("Rejected"))
          .hasSize(100);
      assertThat(throttledTasks(executions))
          .as("the storm throttled Validate itself")
          .contains("Validate");
      assertThat(throttledOperations(simulation, "iam")).isNotEmpty();
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "storm-user-99"))
          .contains(ResourceStatus.IN_SERVICE);
    }
  }

  private static Set<String> throttledOperations(LifecycleSimulation simulation) {
    return throttledOperations(simulation, "sagemaker");
  }

  private static Set<String> throttledOperations(LifecycleSimulation simulation, String service) {
    return simulation.emulator().requestLog().calls().stream()
        .filter(call -> service.equals(call.service()))
        .filter(call -> call.error().filter(error -> error.startsWith("Throttl")).isPresent())
        .map(RecordedCall::operation)
        .collect(Collectors.toSet());
  }

  /** The states whose Lambda invocations failed with AwsThrottled (and were retried). */
  private static List<String> throttledTasks(Execution execution) {
    return throttledTasks(List.of(execution));
  }

  private static List<String> throttledTasks(List<Execution> executions) {
    return executions.stream()
        .flatMap(execution -> execution.history().stream())
        .filter(
            e ->
                e.details() instanceof EventDetails.LambdaFunctionFailure failure
                    && "dev.studiolifecycle.error.AwsThrottled".equals(failure.error()))
        .map(e -> e.stateName())
        .distinct()
        .toList();
  }
}
