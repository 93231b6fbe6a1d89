package dev.studiolifecycle.local.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A scenario: what exists before a simulation starts (domains, user profiles, spaces, apps, roles,
 * policies, topics), the service timings, and the faults to inject. Read from JSON by {@link
 * ScenarioLoader}, applied to an emulator by {@link ScenarioLoader#apply}. Every section and field
 * is optional unless noted; durations are ISO-8601 ({@code PT2M}).
 *
 * @param randomSeed seeds generated ids and probabilistic faults (applied when building the
 *     emulator)
 * @param timeline what Studio users do while the simulation runs, at times counted from when the
 *     scenario is applied
 * @param teamSettings the team settings the stack's parameter holds ({@code {"teams": ...}}):
 *     deployed as the template's TeamSettings parameter unless the caller gives one
 */
public record Scenario(
    String description,
    Long randomSeed,
    Timings timings,
    Iam iam,
    IdentityCenter identityCenter,
    SageMaker sagemaker,
    Sns sns,
    Faults faults,
    List<TimelineEntry> timeline,
    JsonNode teamSettings) {

  /** Overrides of {@code SageMakerTimings}; absent fields keep the defaults. */
  public record Timings(
      String domainReady,
      String userProfileReady,
      String userProfileUpdate,
      String userProfileDelete,
      String appStart,
      String appDelete,
      String deletedAppRetention,
      String spaceReady,
      String spaceDelete) {}

  /**
   * @param propagationDelay how long after CreateRole SageMaker still cannot assume the role
   */
  public record Iam(String propagationDelay, List<Policy> policies, List<Role> roles) {}

  /** A customer managed policy; {@code policyDocument} is a JSON object or a JSON string. */
  public record Policy(String policyName, String path, JsonNode policyDocument) {}

  /**
   * A role; {@code assumeRolePolicyDocument} (object or string) defaults to trusting SageMaker;
   * {@code inlinePolicies} maps names to documents.
   */
  public record Role(
      String roleName,
      String path,
      JsonNode assumeRolePolicyDocument,
      String description,
      String permissionsBoundaryArn,
      Map<String, String> tags,
      List<String> attachedPolicyArns,
      Map<String, JsonNode> inlinePolicies) {}

  /**
   * IAM Identity Center: the groups and users of its identity store, and who is assigned to the
   * applications of SSO domains (seeded before the SageMaker section, assignments after it).
   */
  public record IdentityCenter(
      List<String> groups, List<DirectoryUser> users, List<Assignment> assignments) {}

  /**
   * A user of the identity store ({@code userName} required; {@code userId} generated unless
   * given); {@code groups} name its groups.
   */
  public record DirectoryUser(
      String userName, String userId, String displayName, String email, List<String> groups) {}

  /** A user or a group (by name) assigned to the application of the SSO domain {@code domainId}. */
  public record Assignment(String domainId, String user, String group) {}

  public record SageMaker(Integer runningAppQuota, List<Domain> domains) {}

  /** A domain ({@code domainName} and {@code authMode} IAM|SSO required) and what it holds. */
  public record Domain(
      String domainId,
      String domainName,
      String authMode,
      JsonNode defaultUserSettings,
      Map<String, String> tags,
      List<UserProfile> userProfiles,
      List<Space> spaces,
      List<App> apps) {}

  /**
   * A user profile ({@code userProfileName} required); {@code status} defaults to InService; {@code
   * singleSignOnUserValue} is required in SSO domains and refused in IAM ones.
   */
  public record UserProfile(
      String userProfileName,
      String status,
      JsonNode userSettings,
      String singleSignOnUserValue,
      Map<String, String> tags,
      Boolean deletionFails,
      String failureReason) {}

  /** A space ({@code spaceName} required); {@code sharingType} Private|Shared needs an owner. */
  public record Space(
      String spaceName,
      String ownerUserProfileName,
      String sharingType,
      String status,
      JsonNode spaceSettings,
      Map<String, String> tags) {}

  /**
   * An app of a user profile or a space (exactly one); {@code appType}, {@code appName} required;
   * {@code status} defaults to InService; {@code onDelete} is Deleted (default), Failed or
   * StuckDeleting.
   */
  public record App(
      String userProfileName,
      String spaceName,
      String appType,
      String appName,
      String status,
      String instanceType,
      String startDuration,
      String deleteDuration,
      Boolean failOnCreate,
      String onDelete,
      String failureReason,
      Map<String, String> tags)
      implements AppBehaviourChanges {}

  public record Sns(List<String> topics) {}

  public record Faults(
      List<Throttle> throttling,
      List<Failure> failures,
      List<AppFault> apps,
      List<UserProfileDeletionFault> userProfileDeletions) {}

  /** A token bucket on one operation ({@code "*"}: all) of a service. */
  public record Throttle(String service, String operation, Double ratePerSecond, Integer burst) {}

  /**
   * Injected 5xx answers: {@code error} InternalFailure|ServiceUnavailable, either {@code times} or
   * {@code probability} (seeded).
   */
  public record Failure(
      String service, String operation, String error, Integer times, Double probability) {}

  /** Changes how matching apps behave (created later or existing). */
  public record AppFault(
      AppMatch match,
      String startDuration,
      String deleteDuration,
      Boolean failOnCreate,
      String onDelete,
      String failureReason)
      implements AppBehaviourChanges {}

  /**
   * The fields by which a seeded app or an app fault changes how apps behave; absent: unchanged.
   */
  public sealed interface AppBehaviourChanges permits App, AppFault {
    String startDuration();

    String deleteDuration();

    Boolean failOnCreate();

    String onDelete();

    String failureReason();
  }

  /** Which apps an {@link AppFault} reaches; absent fields match anything. */
  public record AppMatch(
      String domainId, String userProfileName, String spaceName, String appType, String appName) {}

  /** Deleting matching user profiles ends in Delete_Failed; absent fields match anything. */
  public record UserProfileDeletionFault(String domainId, String userProfileName) {}

  /**
   * One thing a Studio user does ({@code at}, required, after the scenario is applied): exactly one
   * of the four actions, each the SageMaker call the Studio UI makes for it.
   */
  public record TimelineEntry(
      String at,
      CreateApp createApp,
      DeleteApp deleteApp,
      CreateSpace createSpace,
      DeleteSpace deleteSpace) {}

  /** An app a user action names: of a user profile or of a space (exactly one). */
  public interface AppAction {
    String domainId();

    String userProfileName();

    String spaceName();

    String appType();

    String appName();
  }

  /**
   * The user opens an app of a user profile or of a space (exactly one); {@code domainId}, {@code
   * appType} and {@code appName} are required.
   */
  public record CreateApp(
      String domainId,
      String userProfileName,
      String spaceName,
      String appType,
      String appName,
      String instanceType)
      implements AppAction {}

  /** The user deletes an app of a user profile or of a space (exactly one). */
  public record DeleteApp(
      String domainId, String userProfileName, String spaceName, String appType, String appName)
      implements AppAction {}

  /**
   * The user creates a space she owns; {@code sharingType} Private (default) or Shared, {@code
   * appType} the app it is for.
   */
  public record CreateSpace(
      String domainId,
      String spaceName,
      String ownerUserProfileName,
      String sharingType,
      String appType) {}

  /** The user deletes a space. */
  public record DeleteSpace(String domainId, String spaceName) {}
}
