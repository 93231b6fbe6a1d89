package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.sagemaker.ResourceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hire and a termination of one person that overlap: the later one wins. A termination started
 * while the onboarding is still running (before its profile exists, while it waits for IAM, while
 * the profile is Pending) waits for it and offboards; it used to find no profile and report
 * "already offboarded" while the onboarding went on to give the person access. A hire started while
 * a termination deletes waits for it to end and onboards afresh; it used to converge the profile
 * the termination then deleted.
 */
class HireAndTerminationTest {

  private static final String DOMAIN = "d-studiolocal01";

  @Test
  void aTerminationStartedWhileTheHireRunsWaitsForItAndOffboardsAtEveryTiming() {
    for (int seconds : new int[] {0, 1, 3, 5, 8, 12, 15, 20}) {
      try (LifecycleSimulation simulation =
          LifecycleSimulation.of("onboarding-iam-propagation.json")) {
        ObjectNode terminate = (ObjectNode) LifecycleSimulation.input("offboard-delete-role.json");
        terminate.put("domainId", DOMAIN).put("requestId", "hr-2026-000900");
        Execution hire =
            simulation.start("hire", LifecycleSimulation.input("onboard-iam-new-role.json"));
        List<Execution> terminations = new ArrayList<>();
        simulation.at(
            Duration.ofSeconds(seconds),
            () -> terminations.add(simulation.start("termination", terminate)));

        simulation.runtime().awaitExecution(hire.executionArn());
        Execution termination = terminations.get(0);
        simulation.runtime().awaitExecution(termination.executionArn());

        String at = "termination at +" + seconds + " s";
        assertThat(hire.status()).as(at).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(termination.status())
            .as(at + ": " + termination.cause().orElse(""))
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(path(termination)).as(at).doesNotContain("NotifyAlreadyOffboarded");
        assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
            .as(at + ": the person ends without a profile")
            .isEmpty();
      }
    }
  }

  @Test
  void aHireStartedWhileTheTerminationDeletesWaitsForItToEndAndOnboardsAtEveryTiming() {
    List<String> seen = new ArrayList<>();
    // At +0 the hire's Validate runs before the termination's revoke and sees nothing; its
    // profile step then finds the old profile gone, creates a new one, and the termination's next
    // pass sees a profile created since (another creation time) and stops: the hire wins too.
    for (int seconds : new int[] {0, 1, 2, 5, 15, 60, 150, 300}) {
      try (LifecycleSimulation simulation = LifecycleSimulation.of("offboarding-jane-doe.json")) {
        Execution termination = simulation.start("termination", terminationOfJane());
        Execution hire = hireDuring(simulation, termination, Duration.ofSeconds(seconds));

        String at = "hire at +" + seconds + " s";
        assertThat(termination.status())
            .as(at + ": " + termination.cause().orElse(""))
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(hire.status())
            .as(at + ": " + hire.cause().orElse(""))
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
            .as(at + ": the later event, the hire, wins")
            .contains(ResourceStatus.IN_SERVICE);
        assertThat(simulation.revoked(DOMAIN, "jane-doe"))
            .as(at + ": access not revoked")
            .isFalse();
        seen.add(at);
      }
    }
    assertThat(seen).hasSize(8);
  }

  @Test
  void aHireDuringTheRetentionWaitGoesAheadAtOnceAndTheTerminationThenDeletesNothing() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of("offboarding-jane-doe.json", Map.of("RetentionDays", "7"))) {
      Execution termination = simulation.start("termination", terminationOfJane());
      Execution hire = hireDuring(simulation, termination, Duration.ofDays(1));

      assertThat(hire.status()).as(hire.cause().orElse("")).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Duration.between(hire.startDate(), hire.stopDate().orElseThrow()))
          .as("it did not wait for the retention to end")
          .isLessThan(Duration.ofMinutes(10));
      assertThat(termination.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(path(termination)).contains("NotifyOffboardingCancelled");
      assertThat(simulation.emulator().sageMaker().userProfileStatus(DOMAIN, "jane-doe"))
          .contains(ResourceStatus.IN_SERVICE);
    }
  }

  /**
   * Starts Jane's hire {@code delay} after now, while {@code termination} runs, and runs both to
   * their end; the hire.
   */
  private static Execution hireDuring(
      LifecycleSimulation simulation, Execution termination, Duration delay) {
    List<Execution> hires = new ArrayList<>();
    simulation.at(
        delay,
        () ->
            hires.add(
                simulation.start("hire", LifecycleSimulation.input("onboard-iam-new-role.json"))));
    simulation.runtime().awaitExecution(termination.executionArn());
    Execution hire = hires.get(0);
    simulation.runtime().awaitExecution(hire.executionArn());
    return hire;
  }

  private static ObjectNode terminationOfJane() {
    ObjectNode terminate = (ObjectNode) LifecycleSimulation.input("offboard-delete-role.json");
    terminate.put("domainId", DOMAIN);
    return terminate;
  }
}
