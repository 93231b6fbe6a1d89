package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A user profile that exists before the simulation starts.
 *
 * @param status its status now; Pending moves on to InService, Deleting to gone, with the timings
 * @param userSettings its UserSettings, or null
 * @param singleSignOnUserValue the IAM Identity Center user name (SSO domains), or null
 * @param deletionFails whether deleting it ends in Delete_Failed
 * @param failureReason the FailureReason shown in a failed status, or null
 */
public record UserProfileSeed(
    String domainId,
    String userProfileName,
    ResourceStatus status,
    JsonNode userSettings,
    String singleSignOnUserValue,
    Map<String, String> tags,
    boolean deletionFails,
    String failureReason) {

  public UserProfileSeed {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static UserProfileSeed inService(String domainId, String userProfileName) {
    return new UserProfileSeed(
        domainId, userProfileName, ResourceStatus.IN_SERVICE, null, null, Map.of(), false, null);
  }

  public UserProfileSeed withStatus(ResourceStatus value) {
    return new UserProfileSeed(
        domainId,
        userProfileName,
        value,
        userSettings,
        singleSignOnUserValue,
        tags,
        deletionFails,
        failureReason);
  }

  public UserProfileSeed withUserSettings(JsonNode value) {
    return new UserProfileSeed(
        domainId,
        userProfileName,
        status,
        value,
        singleSignOnUserValue,
        tags,
        deletionFails,
        failureReason);
  }

  public UserProfileSeed withSingleSignOnUserValue(String value) {
    return new UserProfileSeed(
        domainId, userProfileName, status, userSettings, value, tags, deletionFails, failureReason);
  }

  public UserProfileSeed withTags(Map<String, String> value) {
    return new UserProfileSeed(
        domainId,
        userProfileName,
        status,
        userSettings,
        singleSignOnUserValue,
        value,
        deletionFails,
        failureReason);
  }

  public UserProfileSeed withFailureReason(String value) {
    return new UserProfileSeed(
        domainId,
        userProfileName,
        status,
        userSettings,
        singleSignOnUserValue,
        tags,
        deletionFails,
        value);
  }
}
