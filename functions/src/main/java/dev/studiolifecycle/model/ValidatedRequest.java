package dev.studiolifecycle.model;

/**
 * Validate's output: the normalized request, the correlation every later step carries, what exists
 * already, and whether there is nothing to do (offboarding a user who is already gone). {@code
 * existingProfile} is absent when no profile of that name exists.
 */
public record ValidatedRequest(
    LifecycleRequest request,
    Correlation correlation,
    DomainSummary domain,
    ExistingProfile existingProfile,
    boolean nothingToDo) {}
