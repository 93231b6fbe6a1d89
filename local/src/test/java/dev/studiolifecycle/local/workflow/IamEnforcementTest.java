package dev.studiolifecycle.local.workflow;

import static dev.studiolifecycle.local.workflow.LifecycleSimulation.PROJECT_ROOT;
import static dev.studiolifecycle.local.workflow.LifecycleSimulation.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.emulator.RecordedCall;
import dev.studiolifecycle.local.emulator.scenario.ScenarioLoader;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's policies are enforced at the call, end to end: a deployment whose
 * CreateUserProfile policy lacks {@code sagemaker:AddTags} (which CreateUserProfile with Tags
 * needs) fails at that call with AccessDenied, the way AWS fails it, and the execution's path and
 * notification say so.
 */
class IamEnforcementTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FULL_ACTIONS =
      "Action: [sagemaker:CreateUserProfile, sagemaker:UpdateUserProfile,"
          + " sagemaker:DescribeUserProfile, sagemaker:AddTags, sagemaker:ListTags,"
          + " sagemaker:DeleteTags]";
  private static final String WITHOUT_ADD_TAGS =
      "Action: [sagemaker:CreateUserProfile, sagemaker:UpdateUserProfile,"
          + " sagemaker:DescribeUserProfile, sagemaker:ListTags, sagemaker:DeleteTags]";

  @TempDir Path project;

  @Test
  void aCallTheFunctionsPolicyDoesNotAllowFailsAtTheCallAndTheFailureIsNotified()
      throws IOException {
    deployWithoutAddTags();
    try (LocalWorkflowRuntime runtime = runtime(true)) {
      Execution execution = runtime.run(input());

      assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(path(execution))
          .containsSubsequence("CreateExecutionRole", "CreateUserProfile", "UndoRole")
          .doesNotContain("NotifyOnboarded");
      List<RecordedCall> creates =
          runtime.emulator().requestLog().calls("sagemaker", "CreateUserProfile");
      assertThat(creates)
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.errorCode()).isEqualTo("AccessDeniedException");
                assertThat(call.callerName()).contains("CreateUserProfileFunction");
              });
      assertThat(runtime.emulator().sageMaker().userProfileStatus("d-studiolocal01", "jane-doe"))
          .isEmpty();
      PublishedMessage notification = runtime.notifications().get(0);
      assertThat(notification.attribute("outcome")).contains("FAILED");
      assertThat(notification.message())
          .contains("AccessDeniedException")
          .contains("is not authorized to perform: sagemaker:AddTags")
          .contains("because no identity-based policy allows the sagemaker:AddTags action");
    }
  }

  @Test
  void withoutIamEnforcementTheSameDeploymentOnboards() throws IOException {
    deployWithoutAddTags();
    try (LocalWorkflowRuntime runtime = runtime(false)) {
      Execution execution = runtime.run(input());

      assertThat(execution.status())
          .as(execution.cause().orElse(""))
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  /** The project's template and state machine, with AddTags taken from CreateUserProfile. */
  private void deployWithoutAddTags() {
    LifecycleSimulation.deployEdited(project, Map.of(FULL_ACTIONS, WITHOUT_ADD_TAGS));
  }

  private LocalWorkflowRuntime runtime(boolean iamEnforced) {
    return LocalWorkflowRuntime.builder(project)
        .scenario(ScenarioLoader.load(PROJECT_ROOT.resolve("events/scenarios/studio-domains.json")))
        .iamEnforced(iamEnforced)
        .build();
  }

  private static JsonNode input() throws IOException {
    return JSON.readTree(
        PROJECT_ROOT.resolve("events/statemachine/onboard-iam-new-role.json").toFile());
  }
}
