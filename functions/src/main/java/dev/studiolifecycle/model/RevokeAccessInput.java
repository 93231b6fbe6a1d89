package dev.studiolifecycle.model;

/**
 * RevokeAccess's input: whose access to cut, in which domain; and, from the Context object, when
 * the execution started and when the RevokeAccess state was entered (ISO 8601; null when the caller
 * gives none), for the time it took to cut access.
 */
public record RevokeAccessInput(
    Correlation correlation,
    String domainId,
    String userProfileName,
    String executionStartedAt,
    String stateEnteredAt)
    implements StepInput {

  /** Without the times. */
  public RevokeAccessInput(Correlation correlation, String domainId, String userProfileName) {
    this(correlation, domainId, userProfileName, null, null);
  }
}
