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
    DeleteUserResourcesResult start)
    implements StepInput {}
