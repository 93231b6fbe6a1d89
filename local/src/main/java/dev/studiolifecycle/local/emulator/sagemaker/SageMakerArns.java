package dev.studiolifecycle.local.emulator.sagemaker;

import dev.studiolifecycle.local.emulator.RequestRegion;
import java.util.Locale;

/** The ARNs SageMaker gives Studio resources. */
final class SageMakerArns {

  /** The Region is the request's: a domain made in eu-west-1 has an eu-west-1 ARN. */
  private static String prefix() {
    return RequestRegion.arn("sagemaker", "");
  }

  private SageMakerArns() {}

  static String domain(String domainId) {
    return prefix() + "domain/" + domainId;
  }

  static String userProfile(String domainId, String userProfileName) {
    return prefix() + "user-profile/" + domainId + "/" + userProfileName;
  }

  static String space(String domainId, String spaceName) {
    return prefix() + "space/" + domainId + "/" + spaceName;
  }

  /** {@code app/<domainId>/<user profile or space>/<app type, lower case>/<app name>}. */
  static String app(String domainId, String owner, String appType, String appName) {
    return prefix()
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
