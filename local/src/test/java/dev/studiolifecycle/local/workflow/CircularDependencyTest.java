package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudFormation creates a resource after every resource it names, and refuses a template whose
 * resources wait for each other in a circle (CloudFormation User Guide, "DependsOn attribute"):
 * "Circular dependency between resources". The functions the lifecycle state machine calls get its
 * name from the stack's name, not its ARN by Ref: the state machine waits for its role, whose
 * policy names the functions, so a function that waited for the state machine would close the
 * circle, and `sam deploy` would fail while the local runtime, until now, deployed it. (The state
 * machine calls the function through the alias SAM publishes, {@code ValidateFunctionAliaslive},
 * which waits for the function: cfn-lint's E3004 names the same circle.)
 */
class CircularDependencyTest {

  /** ValidateFunction's, as template.yaml gives it. */
  private static final String VALIDATE_NAME =
      "- !Ref DomainId\\n          # The lifecycle state machine's name, not its ARN: the state"
          + " machine refers to this\\n          # function, so a reference back would be"
          + " circular.\\n          STATE_MACHINE_NAME: !Sub ${AWS::StackName}-StudioUserLifecycle";

  @TempDir Path project;

  @Test
  void aFunctionTheStateMachineCallsThatIsGivenItsArnByRefIsRefused() {
    LifecycleSimulation.assertThatDeploymentRefused(
            project,
            VALIDATE_NAME,
            VALIDATE_NAME.replace(
                "!Sub ${AWS::StackName}-StudioUserLifecycle",
                "!GetAtt StudioUserLifecycleStateMachine.Name"))
        .hasMessage(
            "Resources: CloudFormation refuses the template: Circular dependency between resources:"
                + " [StudioUserLifecycleStateMachine, StudioUserLifecycleStateMachineRole,"
                + " ValidateFunction, ValidateFunctionAliaslive]");
  }

  @Test
  void theTemplateAsShippedHasNoCircleAndDeploys() {
    LifecycleSimulation.deployEdited(project, Map.of());
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "onboarding-iam-propagation.json", Map.of())) {
      assertThat(simulation.run("onboard-iam-new-role.json").status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
