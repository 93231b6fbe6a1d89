package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.error.AccessRevoked;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.CreateLoginUrlInput;
import dev.studiolifecycle.model.LoginUrl;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.validation.Violations;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreatePresignedDomainUrlRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortal;

/**
 * CreateLoginUrl: a presigned domain URL for one profile of an IAM domain the stack serves, for an
 * operator or a portal (SageMaker API reference, CreatePresignedDomainUrl: SessionExpiration
 * DurationInSeconds 1800 to 43200, ExpiresInSeconds 5 to 300). Refused for a profile whose access
 * an offboarding revoked, and for an SSO domain, whose users sign in through Identity Center.
 */
public final class LoginUrls {

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;
  private final Set<String> servedDomainIds;
  private final int sessionSeconds;
  private final int expiresSeconds;

  public LoginUrls(
      SageMakerClient sageMaker,
      Set<String> servedDomainIds,
      int sessionSeconds,
      int expiresSeconds) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
    this.servedDomainIds = Set.copyOf(servedDomainIds);
    this.sessionSeconds = sessionSeconds;
    this.expiresSeconds = expiresSeconds;
  }

  public LoginUrl create(CreateLoginUrlInput input) {
    checkUsable(input);
    try {
      String url =
          sageMaker
              .createPresignedDomainUrl(
                  CreatePresignedDomainUrlRequest.builder()
                      .domainId(input.domainId())
                      .userProfileName(input.userProfileName())
                      .sessionExpirationDurationInSeconds(sessionSeconds)
                      .expiresInSeconds(expiresSeconds)
                      .build())
              .authorizedUrl();
      return new LoginUrl(
          input.domainId(), input.userProfileName(), url, expiresSeconds, sessionSeconds);
    } catch (SageMakerException e) {
      if (AwsErrorCodes.isValidationException(e)) {
        // An SSO domain (its users sign in through the Identity Center access portal), or a
        // profile SageMaker will not sign in: SageMaker's words say which.
        throw new ValidationError(
            "domainId: SageMaker gives no presigned URL for user profile "
                + input.userProfileName()
                + " in domain "
                + input.domainId()
                + " ("
                + AwsErrorCodes.message(e)
                + ")");
      }
      throw e;
    }
  }

  /**
   * The profile must be one of a domain this stack serves, exist, and have its access: a revoked
   * user gets no URL.
   */
  private void checkUsable(CreateLoginUrlInput input) {
    Violations.requireProfile(input.domainId(), input.userProfileName());
    if (!servedDomainIds.contains(input.domainId())) {
      throw new ValidationError(
          "domainId: "
              + input.domainId()
              + " is not a domain this stack serves ("
              + String.join(", ", new TreeSet<>(servedDomainIds))
              + ")");
    }
    DescribeUserProfileResponse profile =
        lookups
            .profile(input.domainId(), input.userProfileName())
            .orElseThrow(
                () ->
                    new ValidationError(
                        "userProfileName: no user profile "
                            + input.userProfileName()
                            + " in domain "
                            + input.domainId()));
    String offboarding = lookups.tags(profile.userProfileArn()).get(ManagedTags.OFFBOARDING);
    boolean disabled =
        profile.userSettings() != null
            && profile.userSettings().studioWebPortal() == StudioWebPortal.DISABLED;
    if (offboarding != null || disabled) {
      throw new AccessRevoked(
          "userProfileName: the access of user profile "
              + input.userProfileName()
              + " is revoked"
              + (offboarding != null ? " (offboarding " + offboarding + ")" : "")
              + ": no login URL");
    }
  }
}
