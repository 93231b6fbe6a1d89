package dev.studiolifecycle.model;

/** RestoreAccess's input: whose revoked access to give back, in which domain. */
public record RestoreAccessInput(Correlation correlation, String domainId, String userProfileName)
    implements StepInput {}
