package dev.studiolifecycle.local.emulator.sagemaker;

/**
 * What makes an app unique: its domain, its owner (a user profile or a space: exactly one of the
 * two names is set), its type and its name.
 */
record AppKey(
    String domainId, String userProfileName, String spaceName, String appType, String appName) {

  /** The name of the user profile or space the app belongs to. */
  String owner() {
    return userProfileName != null ? userProfileName : spaceName;
  }

  String arn() {
    return SageMakerArns.app(domainId, owner(), appType, appName);
  }
}
