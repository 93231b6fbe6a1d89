package dev.studiolifecycle.local.emulator.sagemaker;

/**
 * Picks apps for a fault rule; a null component matches anything. An app belongs to either a user
 * profile or a space.
 */
public record AppSelector(
    String domainId, String userProfileName, String spaceName, String appType, String appName) {

  public static AppSelector any() {
    return new AppSelector(null, null, null, null, null);
  }

  public static AppSelector ofUserProfile(String domainId, String userProfileName) {
    return new AppSelector(domainId, userProfileName, null, null, null);
  }

  public static AppSelector app(
      String domainId, String userProfileName, String appType, String appName) {
    return new AppSelector(domainId, userProfileName, null, appType, appName);
  }

  boolean matches(App app) {
    return (domainId == null || domainId.equals(app.key.domainId()))
        && (userProfileName == null || userProfileName.equals(app.key.userProfileName()))
        && (spaceName == null || spaceName.equals(app.key.spaceName()))
        && (appType == null || appType.equals(app.key.appType()))
        && (appName == null || appName.equals(app.key.appName()));
  }
}
