package dev.studiolifecycle.model;

/** ListApps' input: whose apps and private spaces to plan the deletion of. */
public record ListAppsInput(Correlation correlation, String domainId, String userProfileName) {}
