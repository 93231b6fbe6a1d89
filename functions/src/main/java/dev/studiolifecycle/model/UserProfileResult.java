package dev.studiolifecycle.model;

/**
 * The user profile after CreateUserProfile. {@code status} is SageMaker's value right after the
 * call (usually Pending); {@code adopted} is true when a profile of this workflow already existed;
 * {@code createdByThisRun} is true when this request created it.
 */
public record UserProfileResult(
    String domainId,
    String userProfileName,
    String userProfileArn,
    String status,
    boolean createdByThisRun,
    boolean adopted) {}
