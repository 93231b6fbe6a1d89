package dev.studiolifecycle.model;

/** Offboarding options: whether to delete the execution role that onboarding created. */
public record OffboardingOptions(Boolean deleteExecutionRole) {

  /** Whether the request asks to delete the role. */
  public boolean wantsRoleDeleted() {
    return Boolean.TRUE.equals(deleteExecutionRole);
  }
}
