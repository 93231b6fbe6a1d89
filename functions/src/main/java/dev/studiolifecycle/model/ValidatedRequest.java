package dev.studiolifecycle.model;

import java.util.List;

/**
 * Validate's output: the normalized request, the correlation every later step carries, what exists
 * already, and whether there is nothing to do (offboarding a user who is already gone). {@code
 * existingProfile} is absent when no profile of that name exists. {@code managedTagKeys} are the
 * profile tag keys the team settings manage, for a request that names a team (else empty).
 */
public record ValidatedRequest(
    LifecycleRequest request,
    Correlation correlation,
    DomainSummary domain,
    ExistingProfile existingProfile,
    boolean nothingToDo,
    List<String> managedTagKeys) {

  public ValidatedRequest {
    managedTagKeys = managedTagKeys == null ? List.of() : List.copyOf(managedTagKeys);
  }
}
