package dev.studiolifecycle.model;

/**
 * CheckStatus' input: the new user profile to wait for. CheckStatus is the wait itself: while the
 * profile is still Pending it fails with {@code CheckAgainIn10Seconds}, which the state machine
 * retries every 10 seconds; {@code retryCount} ({@code $$.State.RetryCount}) counts the looks so
 * far, and {@code limitSeconds} (MaxProfileWaitSeconds) ends the wait with {@code WaitTimedOut}.
 */
public record CheckStatusInput(
    Correlation correlation, ProfileRef profile, Integer retryCount, Integer limitSeconds)
    implements StepInput {

  @Override
  public String userProfileName() {
    return profile == null ? null : profile.userProfileName();
  }
}
