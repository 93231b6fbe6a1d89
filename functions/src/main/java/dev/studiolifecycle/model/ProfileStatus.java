package dev.studiolifecycle.model;

/** CheckStatus' output: the profile, and SageMaker's status for it ({@code InService}). */
public record ProfileStatus(String domainId, String userProfileName, String status) {}
