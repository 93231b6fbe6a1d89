package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.error.ProfileInUse;
import dev.studiolifecycle.model.DeleteUserProfileInput;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.service.UserProfileDeleter;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.StdoutCapture;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeleteUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class DeleteUserProfileHandlerTest {

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final DeleteUserProfileHandler handler =
      new DeleteUserProfileHandler(new UserProfileDeleter(sageMaker));

  @ParameterizedTest
  @Event(
      value = "delete-user-profile/delete-user-profile.json",
      type = DeleteUserProfileInput.class)
  void deletesTheProfileOfTheFixture(DeleteUserProfileInput input) {
    assertThat(handler.handleRequest(input, new TestContext()).outcome())
        .isEqualTo(DeletionOutcome.DELETING);
  }

  @ParameterizedTest
  @Event(
      value = "delete-user-profile/delete-user-profile.json",
      type = DeleteUserProfileInput.class)
  void aProfileWithAppsLeftIsProfileInUseCountedByErrorName(DeleteUserProfileInput input) {
    when(sageMaker.deleteUserProfile(any(DeleteUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder().status(UserProfileStatus.IN_SERVICE).build());
    try (StdoutCapture stdout = StdoutCapture.start()) {
      assertThatThrownBy(() -> handler.handleRequest(input, new TestContext()))
          .isInstanceOf(ProfileInUse.class);
      assertThat(stdout.text())
          .contains("\"ErrorName\":\"ProfileInUse\"")
          .contains("\"Failures\":1");
    }
  }

  @ParameterizedTest
  @Event(
      value = "delete-user-profile/delete-user-profile.json",
      type = DeleteUserProfileInput.class)
  void aDeletionIsCountedAsAnEmfMetric(DeleteUserProfileInput input) {
    try (StdoutCapture stdout = StdoutCapture.start()) {
      handler.handleRequest(input, new TestContext());
      assertThat(stdout.text()).contains("\"ProfilesDeleted\":1").contains("\"_aws\"");
    }
  }

  @Test
  void buildsFromAFunctionEnvironment() {
    assertThat(new DeleteUserProfileHandler(Map.of())).isNotNull();
  }
}
