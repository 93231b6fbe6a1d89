package dev.studiolifecycle.model;

/**
 * What a DeleteUserResources pass found and did. Its size does not grow with the number of apps:
 * tallies count everything and name the first fifty.
 *
 * @param done the user profile is gone (AWAIT returns only then)
 * @param nextCheckSeconds START: when the first AWAIT pass is worth it (SageMaker's usual app
 *     deletion time when it started app deletions, else {@link #POLL_SECONDS}, 0 when done)
 * @param apps START: the apps it found running, starting or deleting (to be deleted); at the end:
 *     those of them that were deleted
 * @param spaces the user's private spaces (START: found; at the end: deleted)
 * @param failedApps apps left alone because they are Failed (START: Failed already; at the end:
 *     every Failed app of the user, including one whose deletion failed)
 * @param userProfile the profile's deletion: {@code DELETING} once asked, {@code DELETED} when gone
 * @param homeEfsFileSystemUid the profile's home EFS uid, which outlives it (START)
 * @param profileCreatedAt when the profile being deleted was created (START): a later pass that
 *     finds a profile of that name created at another time finds a new one, not this one
 */
public record DeleteUserResourcesResult(
    boolean done,
    int nextCheckSeconds,
    AppTally apps,
    SpaceTally spaces,
    AppTally failedApps,
    String userProfile,
    String homeEfsFileSystemUid,
    String profileCreatedAt) {

  /** The Retry interval of the AWAIT state: a look every 30 seconds once the first is over. */
  public static final int POLL_SECONDS = 30;
}
