package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.model.DeleteExecutionRoleInput;
import dev.studiolifecycle.model.RoleDeletionOutcome;
import dev.studiolifecycle.service.ExecutionRoleDeleter;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

class DeleteExecutionRoleHandlerTest {

  private final IamClient iam = mock(IamClient.class);
  private final DeleteExecutionRoleHandler handler =
      new DeleteExecutionRoleHandler(
          new ExecutionRoleDeleter(iam, mock(SageMakerClient.class), "/studio-lifecycle/"));

  @ParameterizedTest
  @Event(
      value = "delete-execution-role/delete-execution-role.json",
      type = DeleteExecutionRoleInput.class)
  void aRoleAlreadyGoneIsDone(DeleteExecutionRoleInput input) {
    assertThat(input.userProfileName()).isEqualTo("jane-doe");
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    assertThat(handler.handleRequest(input, new TestContext()).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_FOUND);
  }

  @Test
  void readsTheRolePathFromTheEnvironment() {
    assertThat(new DeleteExecutionRoleHandler(Map.of())).isNotNull();
    assertThatThrownBy(() -> new DeleteExecutionRoleHandler(Map.of("ROLE_PATH", "no-slashes")))
        .isInstanceOf(ConfigurationError.class);
  }
}
