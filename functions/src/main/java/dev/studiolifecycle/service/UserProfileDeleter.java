package dev.studiolifecycle.service;

import dev.studiolifecycle.error.ProfileInUse;
import dev.studiolifecycle.model.DeleteUserProfileInput;
import dev.studiolifecycle.model.DeleteUserProfileResult;
import dev.studiolifecycle.model.DeletionOutcome;
import dev.studiolifecycle.validation.Violations;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeleteUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The DeleteUserProfile step. A profile that is gone or already deleting is done; one that
 * SageMaker refuses to delete (apps or spaces left) is {@code ProfileInUse}, which sends the state
 * machine back to ListApps.
 */
public final class UserProfileDeleter {

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;

  public UserProfileDeleter(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
  }

  public DeleteUserProfileResult delete(DeleteUserProfileInput input) {
    Violations.requireProfile(input.domainId(), input.userProfileName());
    String domainId = input.domainId();
    String user = input.userProfileName();
    try {
      sageMaker.deleteUserProfile(
          DeleteUserProfileRequest.builder().domainId(domainId).userProfileName(user).build());
      return new DeleteUserProfileResult(domainId, user, DeletionOutcome.DELETING);
    } catch (ResourceNotFoundException e) {
      return new DeleteUserProfileResult(domainId, user, DeletionOutcome.NOT_FOUND);
    } catch (ResourceInUseException e) {
      Optional<DescribeUserProfileResponse> current = lookups.profile(domainId, user);
      if (current.isEmpty()) {
        return new DeleteUserProfileResult(domainId, user, DeletionOutcome.NOT_FOUND);
      }
      if (current.get().status() == UserProfileStatus.DELETING) {
        return new DeleteUserProfileResult(domainId, user, DeletionOutcome.ALREADY_DELETING);
      }
      throw new ProfileInUse(
          "user profile "
              + user
              + " in domain "
              + domainId
              + " is "
              + current.get().statusAsString()
              + " and still in use (apps or spaces left); list and delete them again",
          e);
    }
  }
}
