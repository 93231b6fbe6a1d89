package dev.studiolifecycle.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Validate's output: the normalized request, the correlation every later step carries, what exists
 * already, and whether there is nothing to do (offboarding a user who is already gone). {@code
 * existingProfile} is absent when no profile of that name exists. {@code managedTagKeys} are the
 * profile tag keys the team settings manage, for a request that names a team (else empty). {@code
 * fanOutDomainIds} is present only for a request that starts one execution per profile, each named
 * in {@code fanOutTargets}: an OFFBOARD or RESTORE that names no domain, or an OFFBOARD that names
 * an IAM Identity Center user instead of a profile. {@code ssoUser} is the identity store's user
 * that {@code request.ssoUserName} names, in an SSO domain.
 */
public record ValidatedRequest(
    LifecycleRequest request,
    Correlation correlation,
    DomainSummary domain,
    ExistingProfile existingProfile,
    boolean nothingToDo,
    List<String> managedTagKeys,
    List<String> fanOutDomainIds,
    List<FanOutTarget> fanOutTargets,
    // Written even when null: the state machine passes $.validated.ssoUser on.
    @JsonInclude(JsonInclude.Include.ALWAYS) SsoUser ssoUser) {

  public ValidatedRequest {
    managedTagKeys = managedTagKeys == null ? List.of() : List.copyOf(managedTagKeys);
    fanOutDomainIds = fanOutDomainIds == null ? null : List.copyOf(fanOutDomainIds);
    fanOutTargets = fanOutTargets == null ? null : List.copyOf(fanOutTargets);
  }

  /** Validate's answer for one profile of one domain. */
  public ValidatedRequest(
      LifecycleRequest request,
      Correlation correlation,
      DomainSummary domain,
      ExistingProfile existingProfile,
      boolean nothingToDo,
      List<String> managedTagKeys) {
    this(
        request,
        correlation,
        domain,
        existingProfile,
        nothingToDo,
        managedTagKeys,
        null,
        null,
        null);
  }

  /** A request that starts one execution per target (none: nothing to do). */
  public static ValidatedRequest fanOut(
      LifecycleRequest request, Correlation correlation, List<FanOutTarget> targets) {
    return new ValidatedRequest(
        request,
        correlation,
        null,
        null,
        targets.isEmpty(),
        List.of(),
        targets.stream().map(FanOutTarget::domainId).toList(),
        targets,
        null);
  }

  /**
   * The subject of the fan-out's notice, {@code <action> <profile names> in <n> domain(s)}, the
   * names as Validate shows them (at most 75 characters), so that it stays under the 100 characters
   * SNS takes (API reference, Publish); null for a request of one profile.
   */
  @JsonProperty
  public String fanOutSubject() {
    if (fanOutDomainIds == null) {
      return null;
    }
    long domains = fanOutDomainIds.stream().distinct().count();
    return request.action()
        + " "
        + request.userProfileName()
        + " in "
        + domains
        + (domains == 1 ? " domain" : " domains");
  }
}
