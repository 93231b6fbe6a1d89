package dev.studiolifecycle.service;

import dev.studiolifecycle.model.ProfileNames;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileDetails;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

/**
 * The user profiles, in every domain of the account and region, that still use a person's execution
 * role. IAM does not know who uses a role, and deleting one that a profile uses breaks that
 * profile: a person onboarded into two domains has one role, and offboarding from one must keep it.
 */
public final class RoleUsers {

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;

  public RoleUsers(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
  }

  /**
   * The profiles ({@code <domainId>/<name>}) of {@code user}, any case, in any domain but {@code
   * exceptDomainId} (null: none excepted), whose execution role is {@code roleArn}; profiles being
   * deleted do not count. Lists every profile of the region without a name filter:
   * ListUserProfiles' reference does not say whether UserProfileNameContains ignores case, and
   * profile names do.
   */
  public List<String> of(String roleArn, String user, String exceptDomainId) {
    List<String> users = new ArrayList<>();
    String token = null;
    do {
      ListUserProfilesResponse page =
          sageMaker.listUserProfiles(
              ListUserProfilesRequest.builder().maxResults(100).nextToken(token).build());
      for (UserProfileDetails profile : page.userProfiles()) {
        if (ProfileNames.same(user, profile.userProfileName())
            && !profile.domainId().equals(exceptDomainId)
            && profile.status() != UserProfileStatus.DELETING
            && usesRole(profile, roleArn)) {
          users.add(profile.domainId() + "/" + profile.userProfileName());
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return users;
  }

  private boolean usesRole(UserProfileDetails profile, String roleArn) {
    return lookups
        .profile(profile.domainId(), profile.userProfileName())
        .map(DescribeUserProfileResponse::userSettings)
        .map(settings -> roleArn.equalsIgnoreCase(settings.executionRole()))
        .orElse(false);
  }
}
