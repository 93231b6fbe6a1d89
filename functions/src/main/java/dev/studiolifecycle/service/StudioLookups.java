package dev.studiolifecycle.service;

import dev.studiolifecycle.error.SharedSpaceOwned;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.ProfileNames;
import dev.studiolifecycle.model.SpaceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeAppResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListAppsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListAppsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesRequest;
import software.amazon.awssdk.services.sagemaker.model.OwnershipSettingsSummary;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SharingType;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.SpaceSharingSettingsSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Read-only SageMaker look-ups several steps share: a profile, app or space that may not exist, a
 * resource's tags, a user's apps and private spaces (all pages).
 */
public final class StudioLookups {

  private final SageMakerClient sageMaker;

  public StudioLookups(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  /** The user profile, or empty when SageMaker does not know it. */
  public Optional<DescribeUserProfileResponse> profile(String domainId, String userProfileName) {
    DescribeUserProfileRequest request =
        DescribeUserProfileRequest.builder()
            .domainId(domainId)
            .userProfileName(userProfileName)
            .build();
    try {
      return Optional.of(sageMaker.describeUserProfile(request));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The app, or empty when SageMaker does not know it. */
  public Optional<DescribeAppResponse> app(AppRef app) {
    DescribeAppRequest request =
        DescribeAppRequest.builder()
            .domainId(app.domainId())
            .userProfileName(app.userProfileName())
            .spaceName(app.spaceName())
            .appType(app.appType())
            .appName(app.appName())
            .build();
    try {
      return Optional.of(sageMaker.describeApp(request));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The space, or empty when SageMaker does not know it. */
  public Optional<DescribeSpaceResponse> space(String domainId, String spaceName) {
    DescribeSpaceRequest request =
        DescribeSpaceRequest.builder().domainId(domainId).spaceName(spaceName).build();
    try {
      return Optional.of(sageMaker.describeSpace(request));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Every user profile of the domain with its tags, by name in ListUserProfiles' order (every page;
   * the profile ARNs follow the domain's, {@code ...:user-profile/<domain id>/<name>}).
   */
  public Map<String, Map<String, String>> profilesWithTags(String domainArn, String domainId) {
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    String prefix = domainArn.replace(":domain/", ":user-profile/") + "/";
    sageMaker
        .listUserProfilesPaginator(
            ListUserProfilesRequest.builder().domainIdEquals(domainId).build())
        .userProfiles()
        .forEach(
            profile ->
                profiles.put(profile.userProfileName(), tags(prefix + profile.userProfileName())));
    return profiles;
  }

  /** Every tag of a SageMaker resource, following ListTags' pages. */
  public Map<String, String> tags(String resourceArn) {
    Map<String, String> tags = new LinkedHashMap<>();
    String token = null;
    do {
      ListTagsResponse response =
          sageMaker.listTags(
              ListTagsRequest.builder().resourceArn(resourceArn).nextToken(token).build());
      for (Tag tag : response.tags()) {
        tags.put(tag.key(), tag.value());
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return tags;
  }

  /** SageMaker's status, or {@code unknown} when the response carries none. */
  public static <E extends Enum<E>> E known(E status, E unknown) {
    return status == null ? unknown : status;
  }

  /**
   * The user's own apps and the apps of the spaces named: one paginated ListApps of the domain
   * (ListApps filters by one user or one space, not by several).
   */
  public List<AppRef> userApps(String domainId, String user, Set<String> spaceNames) {
    List<AppRef> apps = new ArrayList<>();
    String token = null;
    do {
      ListAppsResponse page =
          sageMaker.listApps(
              ListAppsRequest.builder().domainIdEquals(domainId).nextToken(token).build());
      for (AppDetails app : page.apps()) {
        boolean ownApp = app.spaceName() == null && ProfileNames.same(user, app.userProfileName());
        boolean spaceApp = app.spaceName() != null && spaceNames.contains(app.spaceName());
        if (ownApp || spaceApp) {
          apps.add(
              new AppRef(
                  domainId,
                  app.userProfileName(),
                  app.spaceName(),
                  app.appTypeAsString(),
                  app.appName(),
                  app.statusAsString()));
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return apps;
  }

  /**
   * The private spaces {@code user} owns. Owning a shared space stops offboarding: SageMaker
   * deletes a profile only when it owns no space, and this workflow never deletes a shared space.
   */
  public List<SpaceRef> privateSpacesOf(String domainId, String user) {
    List<SpaceRef> owned = new ArrayList<>();
    List<String> sharedOwned = new ArrayList<>();
    String token = null;
    do {
      ListSpacesResponse page =
          sageMaker.listSpaces(
              ListSpacesRequest.builder().domainIdEquals(domainId).nextToken(token).build());
      for (SpaceDetails space : page.spaces()) {
        if (!isOwnedBy(space, user)) {
          continue;
        }
        if (isPrivate(space)) {
          owned.add(new SpaceRef(domainId, space.spaceName(), space.statusAsString()));
        } else {
          sharedOwned.add(space.spaceName());
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    if (!sharedOwned.isEmpty()) {
      throw new SharedSpaceOwned(
          "userProfileName: "
              + user
              + " owns the shared space(s) "
              + String.join(", ", sharedOwned)
              + " of domain "
              + domainId
              + "; SageMaker deletes a user profile only when it owns no spaces, and this"
              + " workflow never deletes a shared space. Delete the space(s) or move their work,"
              + " then offboard again.");
    }
    return owned;
  }

  private static boolean isOwnedBy(SpaceDetails space, String user) {
    OwnershipSettingsSummary ownership = space.ownershipSettingsSummary();
    return ownership != null && ProfileNames.same(user, ownership.ownerUserProfileName());
  }

  private static boolean isPrivate(SpaceDetails space) {
    SpaceSharingSettingsSummary sharing = space.spaceSharingSettingsSummary();
    return sharing != null && sharing.sharingType() == SharingType.PRIVATE;
  }
}
