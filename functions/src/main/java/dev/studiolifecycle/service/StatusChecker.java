package dev.studiolifecycle.service;

import dev.studiolifecycle.error.CheckAgain;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.error.WaitTimedOut;
import dev.studiolifecycle.model.CheckStatusInput;
import dev.studiolifecycle.model.ProfileRef;
import dev.studiolifecycle.model.ProfileStatus;
import dev.studiolifecycle.validation.Violations;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The CheckStatus step, AwaitProfileReady in the state machine: one look at a new user profile,
 * answered with its status when it is InService and otherwise with the error that tells the state
 * machine what next. It never waits itself.
 */
public final class StatusChecker {

  /** The interval of AwaitProfileReady's Retry entry for {@code CheckAgainIn10Seconds}. */
  public static final int POLL_SECONDS = 10;

  private final StudioLookups lookups;

  public StatusChecker(SageMakerClient sageMaker) {
    this.lookups = new StudioLookups(sageMaker);
  }

  /**
   * The profile's status once it is InService.
   *
   * @throws CheckAgain while it is Pending or Updating and the bound is not reached
   * @throws WaitTimedOut when it is still Pending or Updating at the bound, counted in looks
   * @throws ResourceFailed when it is Failed, Update_Failed, deleting or gone
   */
  public ProfileStatus check(CheckStatusInput input) {
    ProfileRef profile = input.profile();
    Violations v = new Violations();
    v.require("profile", profile);
    v.require("retryCount", input.retryCount());
    v.require("limitSeconds", input.limitSeconds());
    v.throwIfAny();
    v.require("profile.domainId", profile.domainId());
    v.require("profile.userProfileName", profile.userProfileName());
    v.throwIfAny();
    String name = "user profile " + profile.userProfileName();
    Optional<DescribeUserProfileResponse> found =
        lookups.profile(profile.domainId(), profile.userProfileName());
    if (found.isEmpty()) {
      throw new ResourceFailed(name + " does not exist (any more)");
    }
    DescribeUserProfileResponse current = found.get();
    UserProfileStatus status =
        StudioLookups.known(current.status(), UserProfileStatus.UNKNOWN_TO_SDK_VERSION);
    if (status == UserProfileStatus.IN_SERVICE) {
      return new ProfileStatus(
          profile.domainId(), profile.userProfileName(), current.statusAsString());
    }
    String state = name + " is " + current.statusAsString();
    if (status != UserProfileStatus.PENDING && status != UserProfileStatus.UPDATING) {
      String reason = current.failureReason();
      throw new ResourceFailed(
          state + (reason == null || reason.isBlank() ? ", not InService" : ": " + reason));
    }
    int waited = input.retryCount() * POLL_SECONDS;
    if (waited + POLL_SECONDS > input.limitSeconds()) {
      throw new WaitTimedOut(
          "gave up after "
              + waited
              + " seconds (MaxProfileWaitSeconds "
              + input.limitSeconds()
              + "): "
              + state);
    }
    throw CheckAgain.in(POLL_SECONDS, state);
  }
}
