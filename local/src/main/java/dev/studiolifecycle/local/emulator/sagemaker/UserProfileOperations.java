package dev.studiolifecycle.local.emulator.sagemaker;

import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.pendingUntil;
import static dev.studiolifecycle.local.emulator.sagemaker.StudioResources.userProfileKey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.ServiceRequest;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SageMaker's user profile calls: Create, Describe, List, Update and DeleteUserProfile, with the
 * SSO rules and the conflicts while apps or spaces remain (state guarded by {@link
 * SageMakerService}).
 */
record UserProfileOperations(StudioResources resources) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  ServiceReply createUserProfile(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    String ssoIdentifier =
        input.optionalString(
            "SingleSignOnUserIdentifier", SageMakerConstraints.SSO_IDENTIFIER, Integer.MAX_VALUE);
    String ssoValue = input.optionalString("SingleSignOnUserValue", null, 256);
    JsonInput settings = input.optionalObject("UserSettings");
    Map<String, String> tags = SageMakerConstraints.readTags(input, "Tags");
    input.throwIfInvalid();
    Domain domain = resources.domain(domainId);
    String key = userProfileKey(domainId, name);
    UserProfile existing = resources.profiles.get(key);
    if (existing != null) {
      throw SageMakerErrors.IN_USE.because("User profile " + existing.arn() + " already exists.");
    }
    checkSingleSignOn(domain, ssoIdentifier, ssoValue);
    if (settings != null) {
      resources.requireAssumable(settings.node().path("ExecutionRole").asText(null));
    }
    StatusTimeline<ResourceStatus> timeline =
        pendingUntil(now.plus(resources.timings.userProfileReady()), now);
    UserProfile profile =
        new UserProfile(
            domainId,
            name,
            domain.nextHomeEfsUid(),
            ssoIdentifier,
            ssoValue,
            settings == null ? null : (ObjectNode) settings.node().deepCopy(),
            now,
            timeline);
    resources.profiles.put(key, profile);
    resources.tagsByArn.put(profile.arn(), new LinkedHashMap<>(tags));
    return ServiceReply.json("UserProfileArn", profile.arn());
  }

  private void checkSingleSignOn(Domain domain, String identifier, String value) {
    if (domain.usesSso()) {
      if (identifier == null || value == null || value.isEmpty()) {
        throw SageMakerErrors.validation(
            "SingleSignOnUserIdentifier and SingleSignOnUserValue are required for a user "
                + "profile in domain "
                + domain.domainId
                + ", which uses AuthMode SSO (IAM Identity Center).");
      }
      // API reference, CreateUserProfile: SingleSignOnUserValue "must match a valid username of a
      // user in your directory". The error's words are the emulator's.
      if (!resources.singleSignOn.hasUserNamed(value)) {
        throw SageMakerErrors.validation(
            "SingleSignOnUserValue "
                + value
                + " is not the user name of a user in the IAM Identity Center directory of domain "
                + domain.domainId
                + ".");
      }
      for (UserProfile other : resources.profiles.values()) {
        if (other.domainId.equals(domain.domainId) && value.equals(other.singleSignOnUserValue)) {
          throw SageMakerErrors.IN_USE.because(
              "SingleSignOnUserValue "
                  + value
                  + " is already used by user profile "
                  + other.arn()
                  + ".");
        }
      }
    } else if (identifier != null || value != null) {
      throw SageMakerErrors.validation(
          "SingleSignOnUserIdentifier and SingleSignOnUserValue are not supported for domain "
              + domain.domainId
              + ", which uses AuthMode IAM.");
    }
  }

  ServiceReply describeUserProfile(ServiceRequest request, Instant now) {
    UserProfile profile =
        SageMakerConstraints.named(request, "UserProfileName", resources::profile);
    ObjectNode out = profile.describe("UserProfile");
    if (profile.status().isFailure() && profile.failureReason != null) {
      out.put("FailureReason", profile.failureReason);
    }
    if (profile.singleSignOnUserIdentifier != null) {
      out.put("SingleSignOnUserIdentifier", profile.singleSignOnUserIdentifier);
      out.put("SingleSignOnUserValue", profile.singleSignOnUserValue);
    }
    if (profile.userSettings != null) {
      out.set("UserSettings", profile.userSettings.deepCopy());
    }
    return ServiceReply.json(out);
  }

  ServiceReply listUserProfiles(ServiceRequest request, Instant now) {
    return ListQuery.listInDomains(
        JsonInput.of(request.input()),
        resources.profiles.values(),
        "UserProfileNameContains",
        "UserProfiles",
        "UserProfileName",
        (profile, item) -> {});
  }

  ServiceReply updateUserProfile(ServiceRequest request, Instant now) {
    JsonInput input = JsonInput.of(request.input());
    String domainId = SageMakerConstraints.requiredDomainId(input);
    String name = SageMakerConstraints.requiredName(input, "UserProfileName");
    JsonInput settings = input.optionalObject("UserSettings");
    input.throwIfInvalid();
    UserProfile profile = resources.profile(domainId, name);
    StudioResources.requireUpdatable("User profile", profile.arn(), profile.status(), true);
    if (settings != null) {
      resources.requireAssumable(settings.node().path("ExecutionRole").asText(null));
      profile.userSettings = StudioResources.merged(profile.userSettings, settings.node());
    }
    resources.updating(profile.timeline, now);
    return ServiceReply.json("UserProfileArn", profile.arn());
  }

  ServiceReply deleteUserProfile(ServiceRequest request, Instant now) {
    UserProfile profile =
        SageMakerConstraints.named(request, "UserProfileName", resources::profile);
    if (profile.status() == ResourceStatus.DELETING) {
      throw SageMakerErrors.IN_USE.because(
          "User profile " + profile.arn() + " is already being deleted.");
    }
    // The API reference is silent on deleting a profile still being created or updated: the
    // stricter reading refuses it until it settles (README, "What is modelled").
    if (profile.status() == ResourceStatus.PENDING || profile.status() == ResourceStatus.UPDATING) {
      throw SageMakerErrors.IN_USE.because(
          "User profile "
              + profile.arn()
              + " is in status "
              + profile.status().wireName()
              + " and cannot be deleted until it settles.");
    }
    resources.requireNoRunningApps(
        "user profile " + profile.arn(),
        app ->
            app.key.domainId().equals(profile.domainId)
                && profile.name.equals(app.key.userProfileName()));
    List<String> ownedSpaces = new ArrayList<>();
    for (Space space : resources.spaces.values()) {
      if (space.domainId.equals(profile.domainId)
          && profile.name.equals(space.ownerUserProfileName)) {
        ownedSpaces.add(space.name);
      }
    }
    if (!ownedSpaces.isEmpty()) {
      throw SageMakerErrors.IN_USE.because(
          "Unable to delete user profile "
              + profile.arn()
              + " because it owns spaces: "
              + String.join(", ", ownedSpaces)
              + ". Delete the spaces first.");
    }
    boolean fails =
        profile.deletionFails
            || resources.failingProfileDeletions.stream().anyMatch(rule -> rule.matches(profile));
    profile.timeline.set(ResourceStatus.DELETING, now);
    Instant done = now.plus(resources.timings.userProfileDelete());
    if (fails) {
      profile.failureReason =
          "Failed to delete the user profile: fault injected by the emulator scenario.";
      profile.timeline.then(ResourceStatus.DELETE_FAILED, done);
    } else {
      profile.timeline.thenGone(done);
    }
    resources.settle(now);
    return ServiceReply.emptyJson();
  }
}
