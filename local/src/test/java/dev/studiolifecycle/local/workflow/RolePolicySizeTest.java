package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.RecordedCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A role's inline policies together may have 10,240 characters (IAM User Guide, "IAM and AWS STS
 * quotas"; the emulator refuses a PutRolePolicy past it with LimitExceeded). The role an onboarding
 * creates holds its S3 policy, and an offboarding adds a deny to it: a request whose buckets would
 * leave no room for that deny is rejected by Validate, before anything is created, and the largest
 * one accepted is onboarded and offboarded.
 */
class RolePolicySizeTest {

  private static final String PROFILE = "ab-" + "long-name".repeat(5) + "-of-sixty-three";

  private static ObjectNode request(String action, int sharedBuckets, int personalBuckets) {
    ObjectNode request =
        LifecycleSimulation.input(
                action.equals("ONBOARD")
                    ? "onboard-iam-new-role.json"
                    : "offboard-delete-role.json")
            .deepCopy();
    request.put("userProfileName", PROFILE);
    if (action.equals("ONBOARD")) {
      ObjectNode create = request.putObject("executionRole").putObject("create");
      bucketNames(create.putArray("s3Buckets"), "shared", sharedBuckets);
      bucketNames(create.putArray("s3PersonalBuckets"), "personal", personalBuckets);
    }
    return request;
  }

  private static void bucketNames(ArrayNode list, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String name = prefix + "-" + i + "-";
      list.add(name + "b".repeat(63 - name.length()));
    }
  }

  @Test
  void bucketsThatWouldLeaveNoRoomForTheOffboardingsDenyAreRejectedBeforeAnythingIsCreated() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      Execution execution =
          simulation.runtime().run("too-many-buckets", request("ONBOARD", 25, 22));

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(execution)).contains("RequestRejected").doesNotContain("CreateExecutionRole");
      assertThat(execution.cause().orElseThrow())
          .contains(
              "executionRole.create.s3Buckets, executionRole.create.s3PersonalBuckets: the role's"
                  + " S3 policy and the deny an offboarding adds would be")
          .contains("IAM allows 10240 for a role's inline policies");
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .extracting(call -> call.service() + ":" + call.operation())
          .containsExactly("sns:Publish");
    }
  }

  @Test
  void theLargestRequestAcceptedIsOnboardedAndItsOffboardingCutsAccess() {
    try (LifecycleSimulation simulation = LifecycleSimulation.of("studio-domains.json")) {
      Execution onboarding = simulation.runtime().run("hire", request("ONBOARD", 25, 21));
      Execution offboarding = simulation.runtime().run("leave", request("OFFBOARD", 0, 0));

      LifecycleSimulation.assertAllSucceeded(List.of(onboarding, offboarding));
      assertThat(simulation.emulator().requestLog().mutatingCalls())
          .filteredOn(call -> call.operation().equals("PutRolePolicy"))
          .extracting(RecordedCall::operation)
          .hasSize(2);
    }
  }
}
