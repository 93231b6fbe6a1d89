package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.CheckAgainIn10Seconds;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.error.WaitTimedOut;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.ProfileRef;
import dev.studiolifecycle.model.ProfileStatus;
import dev.studiolifecycle.testing.AwsErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class StatusCheckerTest {

  private static final Correlation CORRELATION = new Correlation("hr-1", null);
  private static final ProfileRef PROFILE = new ProfileRef("d-a", "jane-doe");

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final StatusChecker checker = new StatusChecker(sageMaker);

  private void profile(UserProfileStatus status, String reason) {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder().status(status).failureReason(reason).build());
  }

  private ProfileStatus look(int retryCount, int limitSeconds) {
    return checker.check(new CheckStatusInput(CORRELATION, PROFILE, retryCount, limitSeconds));
  }

  @Test
  void aReadyProfileEndsTheWaitWithItsStatus() {
    profile(UserProfileStatus.IN_SERVICE, null);
    assertThat(look(3, 600)).isEqualTo(new ProfileStatus("d-a", "jane-doe", "InService"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pending", "Updating"})
  void aProfileOnItsWayAsksForAnotherLookInTenSeconds(String status) {
    profile(UserProfileStatus.fromValue(status), null);
    assertThatThrownBy(() -> look(0, 600))
        .isInstanceOf(CheckAgainIn10Seconds.class)
        .hasMessage("user profile jane-doe is " + status);
  }

  @Test
  void aFailedProfileEndsTheWaitWithSageMakersReason() {
    profile(UserProfileStatus.FAILED, "Execution role cannot be assumed");
    assertThatThrownBy(() -> look(1, 600))
        .isInstanceOf(ResourceFailed.class)
        .hasMessage("user profile jane-doe is Failed: Execution role cannot be assumed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Update_Failed", "Deleting", "Delete_Failed"})
  void anyOtherStatusEndsTheWaitAsFailed(String status) {
    profile(UserProfileStatus.fromValue(status), null);
    assertThatThrownBy(() -> look(1, 600))
        .isInstanceOf(ResourceFailed.class)
        .hasMessage("user profile jane-doe is " + status + ", not InService");
  }

  @Test
  void aProfileThatIsGoneEndsTheWaitAsFailed() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThatThrownBy(() -> look(0, 600))
        .isInstanceOf(ResourceFailed.class)
        .hasMessage("user profile jane-doe does not exist (any more)");
  }

  /** 600 seconds at one look every 10: looks 0 to 59 may ask for another, the 61st gives up. */
  @Test
  void itGivesUpAtItsBoundCountedInLooks() {
    profile(UserProfileStatus.PENDING, null);
    assertThatThrownBy(() -> look(59, 600)).isInstanceOf(CheckAgainIn10Seconds.class);
    assertThatThrownBy(() -> look(60, 600))
        .isInstanceOf(WaitTimedOut.class)
        .hasMessage(
            "gave up after 600 seconds (MaxProfileWaitSeconds 600): user profile jane-doe is"
                + " Pending");
  }

  @Test
  void lookingWithoutAProfileOrABoundIsAValidationErrorWithoutAnyCall() {
    assertThatThrownBy(() -> checker.check(new CheckStatusInput(CORRELATION, null, 0, null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("profile: is required; limitSeconds: is required");
    verifyNoInteractions(sageMaker);
  }
}
