package dev.studiolifecycle.model;

/** DeleteUserProfile's output: DELETING, ALREADY_DELETING or NOT_FOUND. */
public record DeleteUserProfileResult(
    String domainId, String userProfileName, DeletionOutcome outcome) {}
