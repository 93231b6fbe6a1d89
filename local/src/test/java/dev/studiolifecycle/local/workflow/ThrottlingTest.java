package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
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
          .contains("ListApps", "DeleteApp");
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
      assertThat(path(execution)).endsWith("AfterWait", "NotifyOnboarded");
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

  private static Set<String> throttledOperations(LifecycleSimulation simulation) {
    return simulation.emulator().requestLog().calls().stream()
        .filter(call -> "sagemaker".equals(call.service()))
        .filter(call -> call.error().filter("ThrottlingException"::equals).isPresent())
        .map(RecordedCall::operation)
        .collect(Collectors.toSet());
  }

  /** The states whose Lambda invocations failed with AwsThrottled (and were retried). */
  private static List<String> throttledTasks(Execution execution) {
    return execution.history().stream()
        .filter(
            e ->
                e.details() instanceof EventDetails.LambdaFunctionFailure failure
                    && "dev.studiolifecycle.error.AwsThrottled".equals(failure.error()))
        .map(e -> e.stateName())
        .distinct()
        .toList();
  }
}
