package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import java.time.Instant;

/** A user profile (state guarded by {@link SageMakerService}). */
final class UserProfile extends DomainChild {

  final String singleSignOnUserIdentifier;
  final String singleSignOnUserValue;

  /** As the caller sent it, so that Describe returns exactly what was stored; may be null. */
  ObjectNode userSettings;

  String failureReason;

  /** Seeded "this profile's deletion fails" (scenario), on top of the fault rules. */
  boolean deletionFails;

  UserProfile(
      String domainId,
      String name,
      String homeEfsFileSystemUid,
      String singleSignOnUserIdentifier,
      String singleSignOnUserValue,
      ObjectNode userSettings,
      Instant creationTime,
      StatusTimeline<ResourceStatus> timeline) {
    super(domainId, name, homeEfsFileSystemUid, creationTime, timeline);
    this.singleSignOnUserIdentifier = singleSignOnUserIdentifier;
    this.singleSignOnUserValue = singleSignOnUserValue;
    this.userSettings = userSettings;
  }

  @Override
  String arn() {
    return SageMakerArns.userProfile(domainId, name);
  }

  /**
   * {@code UserSettings.StudioWebPortal} is {@code DISABLED}: "the user cannot access Studio" (API
   * reference, UserSettings). The reference does not say how CreatePresignedDomainUrl and CreateApp
   * answer; the emulator takes the stricter reading and refuses both (README, "What is modelled").
   */
  boolean studioDisabled() {
    return userSettings != null && "DISABLED".equals(userSettings.path("StudioWebPortal").asText());
  }

  /** The refusal of what a user whose Studio is disabled asks for. */
  AwsServiceError studioDisabledError() {
    return SageMakerErrors.validation(
        "User profile " + arn() + " has StudioWebPortal DISABLED: the user cannot access Studio.");
  }
}
