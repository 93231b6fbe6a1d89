package dev.studiolifecycle.model;

/**
 * One Studio app: owned by a user profile ({@code userProfileName}) or living in a space ({@code
 * spaceName}). {@code appType} and {@code status} are SageMaker's values ({@code JupyterLab},
 * {@code InService}, ...).
 */
public record AppRef(
    String domainId,
    String userProfileName,
    String spaceName,
    String appType,
    String appName,
    String status) {

  /** A short human-readable name for logs and status reports. */
  public String describe() {
    String owner = spaceName != null ? "space " + spaceName : "user " + userProfileName;
    return appType + " app " + appName + " (" + owner + ")";
  }
}
