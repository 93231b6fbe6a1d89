package dev.studiolifecycle.model;

/**
 * DeleteUserResources' input: whose apps, private spaces and profile to delete, and which pass this
 * is.
 *
 * @param usualAppDeletionSeconds START: how long SageMaker usually takes to delete an app, when the
 *     first look is worth it
 * @param firstWaitSeconds AWAIT: how long the state machine waited before the first AWAIT pass
 *     (START's {@code nextCheckSeconds})
 * @param retryCount AWAIT: {@code $$.State.RetryCount}, the passes so far after the first
 * @param limitSeconds MaxAppDeletionWaitSeconds, the bound of the whole wait (START: of its first
 *     look too)
 * @param start AWAIT: what START found, to say at the end what was deleted
 * @param appsOnly true for the pass at revoke time of an offboarding with retention: only the apps
 *     are deleted (they cost money while they run); the private spaces, their storage and the
 *     profile stay until the retention ends. AWAIT is done once every app is Deleted or Failed
 * @param offboardingRequestId START after a retention: the offboarding's request id. When the
 *     profile no longer carries it as its offboarding mark (a RESTORE lifted it, or a later
 *     offboarding replaced it), nothing is deleted and the result says {@code RESTORED}
 */
public record DeleteUserResourcesInput(
    Correlation correlation,
    String domainId,
    String userProfileName,
    SweepStage stage,
    Integer usualAppDeletionSeconds,
    Integer firstWaitSeconds,
    Integer retryCount,
    Integer limitSeconds,
    DeleteUserResourcesResult start,
    Boolean appsOnly,
    String offboardingRequestId)
    implements StepInput {

  /** Whether this pass leaves the private spaces and the profile alone. */
  public boolean leavesSpacesAndProfile() {
    return Boolean.TRUE.equals(appsOnly);
  }
}
