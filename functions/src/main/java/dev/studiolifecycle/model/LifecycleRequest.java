package dev.studiolifecycle.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine input: who to onboard or offboard, where, and with which settings. As received
 * it may leave optional fields out; Validate returns it normalized, with every default filled in
 * ({@code requestId}, {@code tags}, {@code jumpStart}, {@code projects}, and {@code executionRole}
 * for onboarding, {@code offboarding} for offboarding). {@code team} names the team whose settings
 * Validate filled in where the request gave none. {@code occurredAt} is when the HR system issued
 * the event (ISO-8601 with an offset): a person's requests apply in that order ({@code
 * EventOrder}).
 */
public record LifecycleRequest(
    Action action,
    String requestId,
    String domainId,
    String userProfileName,
    String email,
    String ssoUserName,
    ExecutionRoleRequest executionRole,
    Map<String, String> tags,
    JupyterLabSettings jupyterLab,
    IdleShutdown idleShutdown,
    SpaceStorage spaceStorage,
    List<String> hiddenInstanceTypes,
    Boolean jumpStart,
    Boolean projects,
    RStudioAccess rstudio,
    CanvasSettings canvas,
    OffboardingOptions offboarding,
    Boolean adopt,
    String team,
    String occurredAt,
    String identityCenterUserId) {

  public LifecycleRequest {
    // Keeps the caller's order so tags reach SageMaker in the order they were given.
    tags = tags == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    hiddenInstanceTypes = hiddenInstanceTypes == null ? null : List.copyOf(hiddenInstanceTypes);
  }

  /** The same request for one domain. */
  public LifecycleRequest withDomainId(String value) {
    return copy(value, userProfileName);
  }

  /** The same request for the profile(s) {@code value} names. */
  public LifecycleRequest withUserProfileName(String value) {
    return copy(domainId, value);
  }

  private LifecycleRequest copy(String domain, String profile) {
    return new LifecycleRequest(
        action,
        requestId,
        domain,
        profile,
        email,
        ssoUserName,
        executionRole,
        tags,
        jupyterLab,
        idleShutdown,
        spaceStorage,
        hiddenInstanceTypes,
        jumpStart,
        projects,
        rstudio,
        canvas,
        offboarding,
        adopt,
        team,
        occurredAt,
        identityCenterUserId);
  }

  /** Whether JumpStart stays visible in Studio (the default). */
  public boolean allowsJumpStart() {
    return !Boolean.FALSE.equals(jumpStart);
  }

  /** Whether Projects stay visible in Studio (the default). */
  public boolean allowsProjects() {
    return !Boolean.FALSE.equals(projects);
  }

  /** Whether a profile this workflow did not create may be taken over (ONBOARD and UPDATE). */
  public boolean adopts() {
    return Boolean.TRUE.equals(adopt);
  }

  /** The tags the request asks for, never null. */
  public Map<String, String> tagsOrEmpty() {
    return tags == null ? Map.of() : tags;
  }
}
