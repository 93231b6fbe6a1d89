package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state machine that names its {@code Role} runs as it, and Step Functions creates it only when
 * its global or regional service principal may assume that role (Step Functions developer guide,
 * "Creating an IAM role for your state machine"; CreateStateMachine answers AccessDeniedException,
 * "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to
 * assume the provided role").
 */
class StateMachineRoleTest {

  private static final String ROLE = "      Role: !GetAtt LifecycleRole.Arn\n";
  private static final String ANCHOR = "  HrEventsDeadLetterQueue:\n    Type: AWS::SQS::Queue\n";

  @TempDir Path project;

  /** The lifecycle state machine's Policies, as the template gives them. */
  private static String policies() throws IOException {
    String template = Files.readString(LifecycleSimulation.PROJECT_ROOT.resolve("template.yaml"));
    int machine = template.indexOf("  StudioUserLifecycleStateMachine:\n");
    int start = template.indexOf("      Policies:\n", machine);
    return template.substring(start, template.indexOf("      Events:\n", start));
  }

  private Map<String, String> asRoleTrusting(String service) throws IOException {
    return Map.of(
        policies(),
        ROLE,
        ANCHOR,
        LifecycleSimulation.templateRole("LifecycleRole", service, "'*'", "'*'") + ANCHOR);
  }

  @Test
  void aStateMachineRunsAsTheRoleItNamesWhenStepFunctionsMayAssumeIt() throws IOException {
    LifecycleSimulation.deployEdited(project, asRoleTrusting("states.amazonaws.com"));

    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "onboarding-iam-propagation.json", Map.of())) {
      Execution execution = simulation.run("onboard-iam-new-role.json");
      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  /**
   * Step Functions speaks of a regional principal, but that IAM takes {@code
   * states.<region>.amazonaws.com} in a trust policy no AWS text at hand says: IAM here refuses it
   * (the stricter reading), as it refuses any service principal it does not know.
   */
  @Test
  void aRegionalServicePrincipalIsRefusedByIam() throws IOException {
    LifecycleSimulation.deployEdited(project, asRoleTrusting("states.us-east-1.amazonaws.com"));

    LifecycleSimulation.assertThatDeploymentRefused(project, "onboarding-iam-propagation.json")
        .hasMessage(
            "Resources.LifecycleRole.Properties.AssumeRolePolicyDocument: CloudFormation cannot"
                + " create the role: IAM answered MalformedPolicyDocument: Invalid principal in"
                + " policy: \"SERVICE\":\"states.us-east-1.amazonaws.com\"");
  }

  @Test
  void aRoleStepFunctionsMayNotAssumeStopsTheDeployment() throws IOException {
    LifecycleSimulation.deployEdited(project, asRoleTrusting("lambda.amazonaws.com"));

    LifecycleSimulation.assertThatDeploymentRefused(project, "onboarding-iam-propagation.json")
        .hasMessageStartingWith(
            "Resources.StudioUserLifecycleStateMachine.Properties.Role: CreateStateMachine answered"
                + " AccessDeniedException: Neither the global service principal"
                + " states.amazonaws.com, nor the regional one is authorized to assume the provided"
                + " role: states.amazonaws.com may not assume ")
        .hasMessageContaining("; states.us-east-1.amazonaws.com may not assume ");
  }

  /**
   * IAM takes a role of the account as a principal of a trust policy only when it exists: another
   * role of the same stack does (CloudFormation creates it first), one that exists nowhere does not
   * ("Invalid principal in policy").
   */
  @Test
  void aTrustPolicyMayNameAnotherRoleOfTheStackButNotARoleThatDoesNotExist() throws IOException {
    Map<String, String> edits = new HashMap<>(asRoleTrusting("states.amazonaws.com"));
    String trusting = "Principal: {Service: states.amazonaws.com";
    edits.put(
        ANCHOR,
        edits
            .get(ANCHOR)
            .replace(trusting, trusting + ", AWS: !GetAtt AuditRole.Arn")
            .replace(
                ANCHOR,
                LifecycleSimulation.templateRole(
                        "AuditRole", "lambda.amazonaws.com", "states:DescribeExecution", "'*'")
                    + ANCHOR));
    LifecycleSimulation.deployEdited(project.resolve("stack-role"), edits);
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(
            project.resolve("stack-role"), "onboarding-iam-propagation.json", Map.of())) {
      assertThat(simulation.run("onboard-iam-new-role.json").status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    edits.put(
        ANCHOR,
        edits
            .get(ANCHOR)
            .replace(
                "!GetAtt AuditRole.Arn",
                "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/nobody'"));
    LifecycleSimulation.deployEdited(project.resolve("no-role"), edits);
    LifecycleSimulation.assertThatDeploymentRefused(
            project.resolve("no-role"), "onboarding-iam-propagation.json")
        .hasMessageStartingWith(
            "Resources.LifecycleRole.Properties.AssumeRolePolicyDocument: CloudFormation cannot"
                + " create the role: IAM answered MalformedPolicyDocument: Invalid principal in"
                + " policy");
  }

  /** CloudFormation requires a role's AssumeRolePolicyDocument (AWS::IAM::Role). */
  @Test
  void aTemplateRoleWithoutATrustPolicyStopsTheDeployment() throws IOException {
    Map<String, String> edits = new HashMap<>(asRoleTrusting("states.amazonaws.com"));
    String role = edits.get(ANCHOR);
    edits.put(
        ANCHOR,
        role.substring(0, role.indexOf("      AssumeRolePolicyDocument:"))
            + role.substring(role.indexOf("      Policies:")));
    LifecycleSimulation.deployEdited(project, edits);

    LifecycleSimulation.assertThatDeploymentRefused(project, "onboarding-iam-propagation.json")
        .hasMessage(
            "Resources.LifecycleRole.Properties.AssumeRolePolicyDocument: is required for"
                + " AWS::IAM::Role");
  }

  @Test
  void aRoleThatDoesNotExistStopsTheDeployment() throws IOException {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            policies(),
            "      Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/corp/lifecycle\n"));

    LifecycleSimulation.assertThatDeploymentRefused(project, "onboarding-iam-propagation.json")
        .hasMessageContaining("StudioUserLifecycleStateMachine.Properties.Role: CreateStateMachine")
        .hasMessageContaining(":role/corp/lifecycle is neither a role of ");
  }
}
