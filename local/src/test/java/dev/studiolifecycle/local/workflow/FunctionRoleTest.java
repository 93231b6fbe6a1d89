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
 * runs as that role: a role of the template with its inline policies (and boundary); a role made
 * elsewhere cannot be read here, so every call of the function is refused, naming it.
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

  @Test
  void aRoleMadeElsewhereCannotBeReadSoEveryCallIsRefused() throws IOException {
    List<Outcome> outcomes =
        deliver(
            "external-role",
            Map.of(
                POLICIES,
                "      Role: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/corp/start\n"));

    assertThat(outcomes.get(0).said())
        .contains("is not authorized to perform: states:StartExecution")
        .contains(":role/corp/start is not a role of ")
        .contains("cannot read its policies");
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

  private List<Outcome> deliver(String name, Map<String, String> edits) throws IOException {
    Path deployment = project.resolve(name);
    LifecycleSimulation.deployEdited(deployment, edits);
    return LifecycleSimulation.deliverHrEvent(deployment, hire());
  }

  private static Path hire() {
    return LifecycleSimulation.PROJECT_ROOT.resolve("events/hr/employee-hired-sns.json");
  }
}
