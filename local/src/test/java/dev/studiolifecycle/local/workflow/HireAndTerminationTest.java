package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hire and then a termination of one person, the termination started while the onboarding is
 * still running (before its profile exists, while it waits for IAM, while the profile is Pending):
 * the termination is the later event and wins. It used to find no profile and report "already
 * offboarded" while the onboarding went on to give the person access.
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
}
