package dev.studiolifecycle.model;

/** RevokeAccess's input: whose access to cut, in which domain. */
public record RevokeAccessInput(Correlation correlation, String domainId, String userProfileName)
    implements StepInput {}
