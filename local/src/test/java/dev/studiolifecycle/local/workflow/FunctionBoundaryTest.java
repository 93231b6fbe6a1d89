package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.template.TemplateException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many companies require a permissions boundary on every role; SAM sets one on the roles it
 * generates from a function's {@code PermissionsBoundary} (or Globals'). A boundary limits what the
 * role's policies allow (IAM User Guide, "Permissions boundaries for IAM entities"), so the local
 * runtime evaluates it at each call of the functions: a template's own managed policy, or an AWS
 * managed one whose document the catalogue holds, or a policy the account has. A boundary that does
 * not exist stops the deployment.
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

  /** A boundary the account has (a customer managed policy made outside the stack) is evaluated. */
  @Test
  void aBoundaryTheAccountHasLimitsTheFunctions() {
    Execution execution =
        onboard(
            "account-boundary",
            Map.of(GLOBALS, BOUNDED.replace("BOUNDARY", CORP_BOUNDARY)),
            """
            {"policies": [{"policyName": "corp-boundary", "policyDocument": {
              "Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Action": "sagemaker:CreateUserProfile", "Resource": "*"}]}}]}
            """);

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.cause().orElse(""))
        .contains("is not authorized to perform: sagemaker:CreateUserProfile")
        .contains("with an explicit deny in a permissions boundary");
  }

  /**
   * CloudFormation cannot create a role whose boundary does not exist (IAM answers NoSuchEntity, as
   * PutRolePermissionsBoundary does), so the deployment stops, naming it.
   */
  @Test
  void aBoundaryTheAccountDoesNotHaveStopsTheDeployment() {
    assertThatThrownBy(
            () ->
                onboard(
                    "missing-boundary",
                    Map.of(GLOBALS, BOUNDED.replace("BOUNDARY", CORP_BOUNDARY)),
                    null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(
            "Resources.ValidateFunction.Properties.PermissionsBoundary: CloudFormation cannot create"
                + " the role SAM generates for it: IAM answered NoSuchEntity: Scope ARN: ")
        .hasMessageContaining(":policy/corp-boundary does not exist or is not attachable.");
  }

  /**
   * An AWS managed boundary whose document the catalogue does not hold cannot be read: what it
   * allows cannot be known, so every call is refused (the stricter reading).
   */
  @Test
  void aBoundaryTheLocalRuntimeCannotReadRefusesEveryCall() {
    Execution execution =
        onboard(
            "unread",
            Map.of(
                GLOBALS,
                BOUNDED.replace(
                    "BOUNDARY",
                    "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasDirectDeployAccess")));

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.cause().orElse(""))
        .contains("holds no document of the permissions boundary")
        .contains("AmazonSageMakerCanvasDirectDeployAccess");
  }

  private static final String CORP_BOUNDARY =
      "!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/corp-boundary";

  private Execution onboard(String name, Map<String, String> edits) {
    return onboard(name, edits, null);
  }

  /**
   * Onboards a user with a deployment of the template with {@code edits}, IAM seeded with {@code
   * iam}.
   */
  private Execution onboard(String name, Map<String, String> edits, String iam) {
    Path deployment = project.resolve(name);
    LifecycleSimulation.deployEdited(deployment, edits);
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(
            deployment,
            LifecycleSimulation.scenario("onboarding-iam-propagation.json", iam),
            Map.of())) {
      return simulation.run("onboard-iam-new-role.json");
    }
  }
}
