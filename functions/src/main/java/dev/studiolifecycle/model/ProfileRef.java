package dev.studiolifecycle.model;

/** A user profile by domain and name. */
public record ProfileRef(String domainId, String userProfileName) {}
