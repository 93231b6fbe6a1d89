package dev.studiolifecycle.service;

import dev.studiolifecycle.error.SharedSpaceOwned;
import dev.studiolifecycle.model.AppDeletionPlan;
import dev.studiolifecycle.model.AppRef;
import dev.studiolifecycle.model.ListAppsInput;
import dev.studiolifecycle.model.SpaceRef;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppStatus;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListAppsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListAppsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListSpacesResponse;
import software.amazon.awssdk.services.sagemaker.model.OwnershipSettingsSummary;
import software.amazon.awssdk.services.sagemaker.model.SharingType;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.SpaceSharingSettingsSummary;

/**
 * The ListApps step: finds every app of the user and every private space the user owns (never a
 * shared space, never another user's) with its apps, and sorts the apps into what to delete, what
 * to wait for and what to leave alone. A user who owns a shared space cannot be offboarded (see
 * {@link SharedSpaceOwned}); that is found here, before anything is deleted.
 */
public final class AppDeletionPlanner {

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;

  public AppDeletionPlanner(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
  }

  public AppDeletionPlan plan(ListAppsInput input) {
    Violations v = new Violations();
    v.require("domainId", input.domainId());
    v.require("userProfileName", input.userProfileName());
    v.throwIfAny();
    String domainId = input.domainId();
    String user = input.userProfileName();

    List<AppDetails> apps =
        new ArrayList<>(
            listApps(
                ListAppsRequest.builder().domainIdEquals(domainId).userProfileNameEquals(user)));
    List<SpaceRef> spaces = new ArrayList<>();
    for (SpaceDetails space : privateSpacesOf(domainId, user)) {
      spaces.add(new SpaceRef(domainId, space.spaceName(), space.statusAsString()));
      apps.addAll(
          listApps(
              ListAppsRequest.builder()
                  .domainIdEquals(domainId)
                  .spaceNameEquals(space.spaceName())));
    }

    List<AppRef> toDelete = new ArrayList<>();
    List<AppRef> toWaitFor = new ArrayList<>();
    List<AppRef> leftAlone = new ArrayList<>();
    for (AppDetails app : apps) {
      AppRef ref =
          new AppRef(
              domainId,
              app.userProfileName(),
              app.spaceName(),
              app.appTypeAsString(),
              app.appName(),
              app.statusAsString());
      switch (StudioLookups.known(app.status(), AppStatus.UNKNOWN_TO_SDK_VERSION)) {
        case IN_SERVICE, PENDING -> toDelete.add(ref);
        case DELETED, FAILED -> leftAlone.add(ref);
        // Deleting, or a status newer than this SDK: wait until SageMaker settles it.
        default -> toWaitFor.add(ref);
      }
    }
    String homeUid =
        lookups
            .profile(domainId, user)
            .map(DescribeUserProfileResponse::homeEfsFileSystemUid)
            .orElse(null);
    return AppDeletionPlan.of(domainId, user, homeUid, toDelete, toWaitFor, leftAlone, spaces);
  }

  private List<AppDetails> listApps(ListAppsRequest.Builder filter) {
    List<AppDetails> apps = new ArrayList<>();
    String token = null;
    do {
      ListAppsResponse page = sageMaker.listApps(filter.nextToken(token).build());
      apps.addAll(page.apps());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return apps;
  }

  private List<SpaceDetails> privateSpacesOf(String domainId, String user) {
    List<SpaceDetails> owned = new ArrayList<>();
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
          owned.add(space);
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
              + " then offboard again. Nothing was deleted.");
    }
    return owned;
  }

  private static boolean isOwnedBy(SpaceDetails space, String user) {
    OwnershipSettingsSummary ownership = space.ownershipSettingsSummary();
    return ownership != null && user.equals(ownership.ownerUserProfileName());
  }

  private static boolean isPrivate(SpaceDetails space) {
    SpaceSharingSettingsSummary sharing = space.spaceSharingSettingsSummary();
    return sharing != null && sharing.sharingType() == SharingType.PRIVATE;
  }
}
