package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.ProfileInUse;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.DeleteUserProfileInput;
import dev.studiolifecycle.model.DeleteUserProfileResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.testing.AwsErrors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeleteUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class UserProfileDeleterTest {

  private static final DeleteUserProfileInput INPUT =
      new DeleteUserProfileInput(new Correlation("hr-1", null), "d-a", "jane-doe");

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final UserProfileDeleter deleter = new UserProfileDeleter(sageMaker);

  @Test
  void deletesTheProfile() {
    assertThat(deleter.delete(INPUT))
        .isEqualTo(new DeleteUserProfileResult("d-a", "jane-doe", DeletionOutcome.DELETING));
    ArgumentCaptor<DeleteUserProfileRequest> sent =
        ArgumentCaptor.forClass(DeleteUserProfileRequest.class);
    verify(sageMaker).deleteUserProfile(sent.capture());
    assertThat(sent.getValue().domainId()).isEqualTo("d-a");
    assertThat(sent.getValue().userProfileName()).isEqualTo("jane-doe");
  }

  @Test
  void aMissingProfileIsDone() {
    when(sageMaker.deleteUserProfile(any(DeleteUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(deleter.delete(INPUT).outcome()).isEqualTo(DeletionOutcome.NOT_FOUND);
  }

  @Test
  void aProfileAlreadyDeletingIsDone() {
    when(sageMaker.deleteUserProfile(any(DeleteUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder().status(UserProfileStatus.DELETING).build());
    assertThat(deleter.delete(INPUT).outcome()).isEqualTo(DeletionOutcome.ALREADY_DELETING);
  }

  @Test
  void aProfileThatVanishedMeanwhileIsDone() {
    when(sageMaker.deleteUserProfile(any(DeleteUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThat(deleter.delete(INPUT).outcome()).isEqualTo(DeletionOutcome.NOT_FOUND);
  }

  @Test
  void aProfileStillInUseIsProfileInUse() {
    when(sageMaker.deleteUserProfile(any(DeleteUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder().status(UserProfileStatus.IN_SERVICE).build());
    assertThatThrownBy(() -> deleter.delete(INPUT))
        .isInstanceOf(ProfileInUse.class)
        .hasMessageStartingWith(
            "user profile jane-doe in domain d-a is InService and still in use");
  }
}
