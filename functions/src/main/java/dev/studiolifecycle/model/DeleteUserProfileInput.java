package dev.studiolifecycle.model;

/** DeleteUserProfile's input. */
public record DeleteUserProfileInput(
    Correlation correlation, String domainId, String userProfileName) {}
