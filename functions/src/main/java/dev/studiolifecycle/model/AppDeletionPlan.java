package dev.studiolifecycle.model;

import java.util.List;
import java.util.stream.Stream;

/**
 * What offboarding must delete before the user profile can go: the user's apps and the apps in the
 * user's private spaces ({@code appsToDelete}: InService or Pending), apps already being deleted
 * ({@code appsToWaitFor}), apps left as they are ({@code appsLeftAlone}: Deleted or Failed), and
 * the private spaces the user owns ({@code spacesToDelete}). {@code appsToAwait} is appsToDelete
 * followed by appsToWaitFor, ready for CheckStatus. The user's home EFS data outlives the profile;
 * {@code homeEfsFileSystemUid} says which POSIX uid owns it (absent when the profile is already
 * gone).
 */
public record AppDeletionPlan(
    String domainId,
    String userProfileName,
    String homeEfsFileSystemUid,
    List<AppRef> appsToDelete,
    List<AppRef> appsToWaitFor,
    List<AppRef> appsLeftAlone,
    List<AppRef> appsToAwait,
    List<SpaceRef> spacesToDelete,
    boolean hasAppsToDelete,
    boolean hasAppsToAwait,
    boolean hasSpacesToDelete) {

  /** Builds a plan whose lists and flags agree with each other. */
  public static AppDeletionPlan of(
      String domainId,
      String userProfileName,
      String homeEfsFileSystemUid,
      List<AppRef> appsToDelete,
      List<AppRef> appsToWaitFor,
      List<AppRef> appsLeftAlone,
      List<SpaceRef> spacesToDelete) {
    List<AppRef> toAwait = Stream.concat(appsToDelete.stream(), appsToWaitFor.stream()).toList();
    return new AppDeletionPlan(
        domainId,
        userProfileName,
        homeEfsFileSystemUid,
        List.copyOf(appsToDelete),
        List.copyOf(appsToWaitFor),
        List.copyOf(appsLeftAlone),
        toAwait,
        List.copyOf(spacesToDelete),
        !appsToDelete.isEmpty(),
        !toAwait.isEmpty(),
        !spacesToDelete.isEmpty());
  }
}
