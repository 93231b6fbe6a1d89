package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.hr.HrEventDelivery.Outcome;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company whose stacks may not create IAM roles gives each function a role made for it: SAM's
 * {@code Role} instead of {@code Policies} (the two cannot be used together). The function then
 * runs as that role: a role of the template with its inline and managed policies (and boundary), or
 * a role the account has, as IAM holds it; Lambda refuses to create a function whose role does not
 * exist or does not trust it.
 */
class FunctionRoleTest {

  /** StartWorkflow's Policies, as the template gives them. */
  private static final String POLICIES =
      "      Policies:\n"
          + "        - Statement:\n"
          + "            - Sid: StartTheLifecycleWorkflowOnly\n"
          + "              Effect: Allow\n"
          + "              Action: states:StartExecution\n"
          + "              Resource: !Ref StudioUserLifecycleStateMachine\n"
          + "            - Sid: TellARedeliveryFromAReusedEventId\n"
          + "              Effect: Allow\n"
          + "              Action: states:DescribeExecution\n"
          + "              Resource: !Sub arn:${AWS::Partition}:states:${AWS::Region}:"
          + "${AWS::AccountId}:execution:${AWS::StackName}-StudioUserLifecycle:*\n";

  private static final String ANCHOR = "  HrEventsDeadLetterQueue:\n    Type: AWS::SQS::Queue\n";

  /** A role of the template for StartWorkflow, allowing {@code action} on the state machine. */
  private static String role(String action) {
    return LifecycleSimulation.templateRole(
        "StartWorkflowRole", "lambda.amazonaws.com", action, "'*'");
  }

  @TempDir Path project;
  @TempDir Path events;

  @Test
  void aFunctionRunsAsTheRoleItNames() throws IOException {
    List<Outcome> outcomes =
        deliver(
            "template-role",
            Map.of(
                POLICIES,
                "      Role: !GetAtt StartWorkflowRole.Arn\n",
                ANCHOR,
                role("[states:StartExecution, states:DescribeExecution]") + ANCHOR));

    assertThat(outcomes).singleElement().isInstanceOf(Outcome.StartedByStartWorkflow.class);
  }

  @Test
  void whatTheNamedRoleDoesNotAllowIsRefused() throws IOException {
    List<Outcome> outcomes =
        deliver(
            "narrow-role",
            Map.of(
                POLICIES,
                "      Role: !GetAtt StartWorkflowRole.Arn\n",
                ANCHOR,
                role("states:DescribeExecution") + ANCHOR));

    assertThat(outcomes.get(0).said())
        .contains("assumed-role/StartWorkflowRole/")
        .contains("is not authorized to perform: states:StartExecution");
  }

  /**
   * The scenario's IAM: a role {@code corp/start} trusted by {@code service}, allowing {@code
   * actions}.
   */
  private static String accountRole(String service, String actions) {
    return """
        {"roles": [{"roleName": "start", "path": "/corp/",
          "assumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Service": "%s"}, "Action": "sts:AssumeRole"}]},
          "inlinePolicies": {"start": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": %s, "Resource": "*"}]}}}]}
        """
        .formatted(service, actions);
  }

  private static final Map<String, String> ACCOUNT_ROLE =
      Map.of(
          POLICIES,
          "      Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/corp/start\n");

  @Test
  void aRoleTheAccountHasRunsWithItsPoliciesAsIamHoldsThem() throws IOException {
    assertThat(
            deliver(
                "account-role",
                ACCOUNT_ROLE,
                accountRole(
                    "lambda.amazonaws.com",
                    "[\"states:StartExecution\", \"states:DescribeExecution\"]")))
        .singleElement()
        .isInstanceOf(Outcome.StartedByStartWorkflow.class);

    assertThat(
            deliver(
                    "narrow-account-role",
                    ACCOUNT_ROLE,
                    accountRole("lambda.amazonaws.com", "\"states:DescribeExecution\""))
                .get(0)
                .said())
        .contains("assumed-role/start/")
        .contains("is not authorized to perform: states:StartExecution");
  }

  /**
   * Lambda creates a function only with a role it can assume: one that exists and trusts {@code
   * lambda.amazonaws.com} (CreateFunction's InvalidParameterValueException, "The role defined for
   * the function cannot be assumed by Lambda"), so CloudFormation's deployment stops there.
   */
  @Test
  void aRoleLambdaCannotAssumeStopsTheDeployment() {
    assertThatThrownBy(() -> deliver("no-such-role", ACCOUNT_ROLE, null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.StartWorkflowFunction.Properties.Role: Lambda refuses")
        .hasMessageContaining(":role/corp/start is neither a role of ");
    assertThatThrownBy(
            () ->
                deliver(
                    "untrusting-account-role",
                    ACCOUNT_ROLE,
                    accountRole("states.amazonaws.com", "\"states:StartExecution\"")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("lambda.amazonaws.com may not assume")
        .hasMessageContaining(":role/corp/start");
    assertThatThrownBy(
            () ->
                deliver(
                    "untrusting-template-role",
                    Map.of(
                        POLICIES,
                        "      Role: !GetAtt StartWorkflowRole.Arn\n",
                        ANCHOR,
                        LifecycleSimulation.templateRole(
                                "StartWorkflowRole",
                                "events.amazonaws.com",
                                "states:StartExecution",
                                "'*'")
                            + ANCHOR),
                    null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("lambda.amazonaws.com may not assume")
        .hasMessageContaining(":role/");
  }

  /** A template role's ManagedPolicyArns allow what their documents allow. */
  @Test
  void aTemplateRolesManagedPoliciesAllowWhatTheirDocumentsAllow() throws IOException {
    String managed =
        LifecycleSimulation.templateManagedPolicy("StartPolicy", "states:StartExecution", null);
    String role =
        role("states:DescribeExecution")
            .replace(
                "      Policies:\n",
                "      ManagedPolicyArns: [!Ref StartPolicy]\n      Policies:\n");

    assertThat(
            deliver(
                "template-role-managed",
                Map.of(
                    POLICIES,
                    "      Role: !GetAtt StartWorkflowRole.Arn\n",
                    ANCHOR,
                    managed + role + ANCHOR),
                null))
        .singleElement()
        .isInstanceOf(Outcome.StartedByStartWorkflow.class);

    assertThatThrownBy(
            () ->
                deliver(
                    "template-role-missing-managed",
                    Map.of(
                        POLICIES,
                        "      Role: !GetAtt StartWorkflowRole.Arn\n",
                        ANCHOR,
                        role.replace(
                                "!Ref StartPolicy",
                                "!Sub 'arn:aws:iam::${AWS::AccountId}:policy/corp-start'")
                            + ANCHOR),
                    null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(
            "Resources.StartWorkflowRole.Properties.ManagedPolicyArns: CloudFormation cannot create"
                + " the role: IAM answered NoSuchEntity: Policy ")
        .hasMessageContaining(":policy/corp-start does not exist or is not attachable.");
  }

  /** IAM attaches at most ten managed policies to a role ("IAM and AWS STS quotas"). */
  @Test
  void moreManagedPoliciesThanIamAttachesToARoleStopTheDeployment() {
    StringBuilder policies = new StringBuilder("      Policies:\n");
    StringBuilder resources = new StringBuilder();
    for (int i = 1; i <= 11; i++) {
      policies.append("        - !Ref Policy").append(i).append('\n');
      resources.append(
          LifecycleSimulation.templateManagedPolicy("Policy" + i, "states:StartExecution", null));
    }

    assertThatThrownBy(
            () ->
                deliver(
                    "eleven-managed",
                    Map.of(POLICIES, policies.toString(), ANCHOR, resources + ANCHOR)))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(
            "Resources.StartWorkflowFunction.Properties.Policies: CloudFormation cannot create the"
                + " role SAM generates for it: IAM answered LimitExceeded: Cannot exceed quota for"
                + " PoliciesPerRole: 10 (11 managed policies)");
  }

  @Test
  void policiesAndRoleTogetherAreRefused() {
    Path deployment = project.resolve("both");
    LifecycleSimulation.deployEdited(
        deployment,
        Map.of(POLICIES, "      Role: arn:aws:iam::123456789012:role/start\n" + POLICIES));

    assertThatThrownBy(() -> LifecycleSimulation.deliverHrEvent(deployment, hire()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.StartWorkflowFunction.Properties: Policies and Role");
  }

  /**
   * Managed policies in {@code Policies} are attached to the role SAM generates: the template's own
   * (its {@code Ref} is the ARN) and AWS managed ones by name (at their path) allow what their
   * documents allow; one whose document the local runtime does not hold allows nothing, and the
   * refusal names it.
   */
  @Test
  void managedPoliciesInPoliciesAllowWhatTheirDocumentsAllow() throws IOException {
    String managed =
        LifecycleSimulation.templateManagedPolicy(
            "StartPolicy", "[states:StartExecution, states:DescribeExecution]", null);
    assertThat(
            deliver(
                "template-managed",
                Map.of(
                    POLICIES,
                    "      Policies:\n        - !Ref StartPolicy\n",
                    ANCHOR,
                    managed + ANCHOR)))
        .singleElement()
        .isInstanceOf(Outcome.StartedByStartWorkflow.class);

    assertThat(
            deliver(
                    "unheld",
                    Map.of(
                        POLICIES,
                        "      Policies:\n        - AmazonSageMakerCanvasDirectDeployAccess\n"))
                .get(0)
                .said())
        .contains("is not authorized to perform: states:StartExecution")
        .contains("arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasDirectDeployAccess")
        .contains("so they allow nothing here");
  }

  /**
   * CloudFormation attaches each managed policy of {@code Policies} to the role SAM generates, and
   * IAM refuses one that does not exist (a name SAM does not know is passed on as written, which is
   * no ARN) or that only a service-linked role may have (AttachRolePolicy: InvalidInput,
   * NoSuchEntity, PolicyNotAttachable): the deployment stops, naming it.
   */
  @Test
  void aManagedPolicyIamCannotAttachStopsTheDeployment() {
    Map<String, String> refusals =
        Map.of(
            "AmazonSageMakerFulAccess",
            "InvalidInput: ARN AmazonSageMakerFulAccess is not valid.",
            "arn:aws:iam::aws:policy/AmazonSageMakerFulAccess",
            "NoSuchEntity: Policy arn:aws:iam::aws:policy/AmazonSageMakerFulAccess does not exist",
            "AmazonSageMakerCoreServiceRolePolicy",
            "PolicyNotAttachable: Cannot attach a Service Role Policy to a Customer Role.");
    refusals.forEach(
        (policy, refusal) ->
            assertThatThrownBy(
                    () ->
                        deliver(
                            "managed-" + Math.abs(policy.hashCode()),
                            Map.of(POLICIES, "      Policies:\n        - " + policy + "\n")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(
                    "Resources.StartWorkflowFunction.Properties.Policies: CloudFormation cannot"
                        + " create the role SAM generates for it: IAM answered "
                        + refusal));
  }

  private List<Outcome> deliver(String name, Map<String, String> edits) throws IOException {
    return deliver(name, edits, null);
  }

  /**
   * Delivers a hire to a deployment of the template with {@code edits}, IAM seeded with {@code
   * iam}.
   */
  private List<Outcome> deliver(String name, Map<String, String> edits, String iam)
      throws IOException {
    Path deployment = project.resolve(name);
    LifecycleSimulation.deployEdited(deployment, edits);
    return LifecycleSimulation.deliverHrEvent(deployment, hire(), iam);
  }

  private static Path hire() {
    return LifecycleSimulation.PROJECT_ROOT.resolve("events/hr/employee-hired-sns.json");
  }
}
