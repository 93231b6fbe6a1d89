package dev.studiolifecycle.model;

/**
 * One resource in a status report. {@code status} is SageMaker's value, or {@code NotFound} when
 * the resource does not exist; {@code failureReason} is SageMaker's, or this workflow's
 * explanation, when the item failed.
 */
public record StatusItem(
    ResourceKind kind,
    String domainId,
    String userProfileName,
    String spaceName,
    String appType,
    String appName,
    String status,
    String failureReason) {}
