package dev.studiolifecycle.reconcile;

/**
 * A user profile as the reconcile found it: {@code managed} when it carries the workflow's
 * managed-by tag; {@code team} the team it was onboarded or last moved to, when recorded; {@code
 * offboarding} the request id of an offboarding that revoked its access, when one did.
 */
public record ObservedProfile(
    String domainId, String userProfileName, boolean managed, String team, String offboarding) {}
