package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.PROJECT_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import dev.studiolifecycle.local.template.TemplateException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles SAM generates for the functions and state machines are created by CloudFormation in
 * IAM, which refuses a policy that is not a valid identity policy and more than 10,240 characters
 * of inline policies on one role (IAM User Guide, "IAM and AWS STS quotas"). Every served domain
 * adds its ARNs to the functions' SageMaker statements, so a stack serves DomainId and at most 50
 * AdditionalDomainIds; the 51st fails the deployment locally as it would on AWS. Likewise the
 * template's managed policy (the users' permissions boundary) against IAM's 6,144 characters.
 */
class GeneratedRolesTest {

  @TempDir Path project;

  @Test
  void fiftyAdditionalDomainsFitTheFunctionsRoles() {
    try (LocalWorkflowRuntime runtime = deploy(PROJECT_ROOT, domains(50))) {
      assertThat(runtime.template().functions()).containsKey("DeleteUserResourcesFunction");
    }
  }

  @Test
  void theFiftyFirstExceedsIamsQuotaForARolesInlinePolicies() {
    assertThatThrownBy(() -> deploy(PROJECT_ROOT, domains(51)).close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.DeleteUserResourcesFunction: CloudFormation cannot create")
        .hasMessageContaining("LimitExceeded: Maximum policy size of 10240 bytes exceeded");
  }

  @Test
  void aStatementWithoutResourceIsRefusedAsIamRefusesIt() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            "            - Sid: StartTheLifecycleWorkflowOnly\n"
                + "              Effect: Allow\n"
                + "              Action: states:StartExecution\n"
                + "              Resource: !Ref StudioUserLifecycleStateMachine\n",
            "            - Sid: StartTheLifecycleWorkflowOnly\n"
                + "              Effect: Allow\n"
                + "              Action: states:StartExecution\n"));

    assertThatThrownBy(() -> deploy(project, "").close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("CloudFormation cannot create the role SAM generates")
        .hasMessageContaining("MalformedPolicyDocument: Policy statement must contain resources.");
  }

  /**
   * A resource written as a name where IAM wants an ARN (a {@code !Ref} left out) is refused by
   * IAM's CreateRole under CloudFormation, so the local deployment refuses it too (IAM User Guide,
   * "IAM JSON policy elements: Resource").
   */
  @Test
  void aResourceThatIsNotAnArnIsRefusedAsIamRefusesIt() {
    LifecycleSimulation.deployEdited(
        project,
        Map.of(
            "              Resource: !Ref StudioUserLifecycleStateMachine\n",
            "              Resource: StudioUserLifecycleStateMachine\n"));

    assertThatThrownBy(() -> deploy(project, "").close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("CloudFormation cannot create the role SAM generates")
        .hasMessageContaining(
            "MalformedPolicyDocument: Resource StudioUserLifecycleStateMachine must be in ARN"
                + " format or \"*\".");
  }

  /**
   * The permissions boundary is a managed policy, which IAM holds to 6,144 characters without white
   * space; the template's leaves about a hundred to spare, so a statement added to it is refused by
   * the local deployment as by CloudFormation's CreatePolicy.
   */
  @Test
  void aBoundaryGrownPastIamsQuotaForAManagedPolicyIsRefused() {
    String firstStatement =
        "          - Sid: SageMakerWorkOutsideStudiosDomainsProfilesSpacesAndApps\n";
    StringBuilder more = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      more.append("          - Sid: ReadTheAccountsLogGroups")
          .append(i)
          .append("\n            Effect: Allow\n            Action: logs:DescribeLogGroups\n")
          .append("            Resource: !Sub arn:${AWS::Partition}:logs:*:${AWS::AccountId}:*\n");
    }
    LifecycleSimulation.deployEdited(project, Map.of(firstStatement, more + firstStatement));

    assertThatThrownBy(() -> deploy(project, "").close())
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.StudioUserRoleBoundary.Properties.PolicyDocument")
        .hasMessageContaining("Cannot exceed quota for PolicySize: 6144");
  }

  /** {@code n} domain ids as SageMaker makes them ({@code d-} and 12 characters). */
  private static String domains(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> String.format("d-domain%06d", i))
        .collect(Collectors.joining(","));
  }

  private static LocalWorkflowRuntime deploy(Path root, String additionalDomains) {
    LocalWorkflowRuntime.Builder builder =
        LocalWorkflowRuntime.builder(root)
            .scenario(
                ScenarioLoader.load(PROJECT_ROOT.resolve("events/scenarios/studio-domains.json")));
    if (!additionalDomains.isEmpty()) {
      builder.parameter("AdditionalDomainIds", additionalDomains);
    }
    return builder.build();
  }
}
