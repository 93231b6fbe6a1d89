package dev.studiolifecycle.local.emulator.sagemaker;

import dev.studiolifecycle.local.LocalAccount;
import java.util.Locale;

/** The ARNs SageMaker gives Studio resources. */
final class SageMakerArns {

  private static final String PREFIX = LocalAccount.arn("sagemaker", "");

  private SageMakerArns() {}

  static String domain(String domainId) {
    return PREFIX + "domain/" + domainId;
  }

  static String userProfile(String domainId, String userProfileName) {
    return PREFIX + "user-profile/" + domainId + "/" + userProfileName;
  }

  static String space(String domainId, String spaceName) {
    return PREFIX + "space/" + domainId + "/" + spaceName;
  }

  /** {@code app/<domainId>/<user profile or space>/<app type, lower case>/<app name>}. */
  static String app(String domainId, String owner, String appType, String appName) {
    return PREFIX
        + "app/"
        + domainId
        + "/"
        + owner
        + "/"
        + appType.toLowerCase(Locale.ROOT)
        + "/"
        + appName;
  }
}
