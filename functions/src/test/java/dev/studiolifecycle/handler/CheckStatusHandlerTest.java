package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.error.CheckAgainIn10Seconds;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.ProfileStatus;
import dev.studiolifecycle.service.StatusChecker;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class CheckStatusHandlerTest {

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final CheckStatusHandler handler = new CheckStatusHandler(new StatusChecker(sageMaker));

  private void profile(UserProfileStatus status) {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(DescribeUserProfileResponse.builder().status(status).build());
  }

  @ParameterizedTest
  @Event(value = "check-status/await-profile-ready.json", type = CheckStatusInput.class)
  void theSampleEventIsALookThatAsksForAnotherWhileThePofileIsPending(CheckStatusInput input) {
    assertThat(input.profile().userProfileName()).isEqualTo("jane-doe");
    assertThat(input.retryCount()).isZero();
    assertThat(input.limitSeconds()).isEqualTo(900);
    profile(UserProfileStatus.PENDING);
    assertThatThrownBy(() -> handler.handleRequest(input, new TestContext()))
        .isInstanceOf(CheckAgainIn10Seconds.class);
  }

  @ParameterizedTest
  @Event(value = "check-status/await-profile-ready.json", type = CheckStatusInput.class)
  void answersTheStatusOfAReadyProfile(CheckStatusInput input) {
    profile(UserProfileStatus.IN_SERVICE);
    assertThat(handler.handleRequest(input, new TestContext()))
        .isEqualTo(new ProfileStatus("d-abc123def456", "jane-doe", "InService"));
  }

  @Test
  void buildsFromAFunctionEnvironment() {
    assertThat(new CheckStatusHandler(Map.of())).isNotNull();
  }
}
