package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many companies require a permissions boundary on every role; SAM sets one on the roles it
 * generates from a function's {@code PermissionsBoundary} (or Globals'). A boundary limits what the
 * role's policies allow (IAM User Guide, "Permissions boundaries for IAM entities"), so the local
 * runtime evaluates it at each call of the functions: a template's own managed policy, or an AWS
 * managed one whose document the catalogue holds. A boundary made elsewhere cannot be read, and
 * then every call is refused (what it allows cannot be known: the stricter reading).
 */
class FunctionBoundaryTest {

  private static final String GLOBALS = "Globals:\n  Function:\n    Runtime: java21\n";
  private static final String BOUNDED = GLOBALS + "    PermissionsBoundary: BOUNDARY\n";
  private static final String ANCHOR = "  HrEventsDeadLetterQueue:\n    Type: AWS::SQS::Queue\n";

  /** A boundary that lets the functions do anything but {@code denied}. */
  private static String boundaryPolicy(String denied) {
    return LifecycleSimulation.templateManagedPolicy("FunctionBoundary", "'*'", denied);
  }

  @TempDir Path project;

  @Test
  void aBoundaryThatAllowsWhatTheFunctionsDoChangesNothing() {
    Execution execution =
        onboard(
            "allowing",
            Map.of(
                GLOBALS,
                BOUNDED.replace("BOUNDARY", "!Ref FunctionBoundary"),
                ANCHOR,
                boundaryPolicy("sagemaker:DeleteDomain") + ANCHOR));

    assertThat(execution.status())
        .as(execution.cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aBoundaryThatDeniesWhatAFunctionDoesFailsItsCall() {
    Execution execution =
        onboard(
            "denying",
            Map.of(
                GLOBALS,
                BOUNDED.replace("BOUNDARY", "!Ref FunctionBoundary"),
                ANCHOR,
                boundaryPolicy("sagemaker:CreateUserProfile") + ANCHOR));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.cause().orElse(""))
        .contains("is not authorized to perform: sagemaker:CreateUserProfile")
        .contains("with an explicit deny in a permissions boundary");
  }

  @Test
  void aBoundaryTheLocalRuntimeCannotReadRefusesEveryCall() {
    Execution execution =
        onboard(
            "unread",
            Map.of(
                GLOBALS,
                BOUNDED.replace(
                    "BOUNDARY",
                    "!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/corp-boundary")));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.cause().orElse(""))
        .contains("holds no document of the permissions boundary")
        .contains(":policy/corp-boundary");
  }

  private Execution onboard(String name, Map<String, String> edits) {
    Path deployment = project.resolve(name);
    LifecycleSimulation.deployEdited(deployment, edits);
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(deployment, "onboarding-iam-propagation.json", Map.of())) {
      return simulation.run("onboard-iam-new-role.json");
    }
  }
}
