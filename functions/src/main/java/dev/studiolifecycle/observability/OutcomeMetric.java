package dev.studiolifecycle.observability;

/** The outcomes the workflow counts, by EMF metric name. */
public enum OutcomeMetric {
  PROFILES_CREATED("ProfilesCreated"),
  PROFILES_ADOPTED("ProfilesAdopted"),
  PROFILES_DELETED("ProfilesDeleted"),
  ROLES_CREATED("RolesCreated"),
  ROLES_ADOPTED("RolesAdopted"),
  ROLES_DELETED("RolesDeleted"),
  APPS_DELETED("AppsDeleted"),
  SPACES_DELETED("SpacesDeleted"),
  APPS_PLANNED_FOR_DELETION("AppsPlannedForDeletion"),
  STATUS_CHECKS("StatusChecks"),
  REQUESTS_VALIDATED("RequestsValidated"),
  WORKFLOWS_STARTED("WorkflowsStarted"),
  UNTOLD_ENDS_NOTIFIED("UntoldEndsNotified"),
  ACCESS_REVOKED("AccessRevoked"),
  ACCESS_RESTORED("AccessRestored");

  private final String metricName;

  OutcomeMetric(String metricName) {
    this.metricName = metricName;
  }

  public String metricName() {
    return metricName;
  }
}
