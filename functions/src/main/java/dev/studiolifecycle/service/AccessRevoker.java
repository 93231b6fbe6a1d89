package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsClientFactory;
import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.error.ResourceFailed;
import dev.studiolifecycle.model.AccessRestoration;
import dev.studiolifecycle.model.AccessRevocation;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.ProfileNames;
import dev.studiolifecycle.model.RestoreAccessInput;
import dev.studiolifecycle.model.RevokeAccessInput;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortal;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * The first mutating step of an offboarding: cuts the user's access before anything is deleted, so
 * that a deletion that stalls or fails leaves no access behind. The role onboarding created gets an
 * inline policy that denies everything (an explicit deny wins over every allow: IAM User Guide,
 * policy evaluation logic), then the profile's Studio web portal is disabled and, in an SSO domain,
 * the Studio assignment onboarding made is removed. All are idempotent; a role this workflow did
 * not create (a team role others use) is never touched.
 */
public final class AccessRevoker {

  /** The inline policy that denies the role everything. */
  public static final String REVOKE_POLICY_NAME = "studio-lifecycle-revoked";

  static final String DENY_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AccessRevokedByOffboarding\","
          + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  private final SageMakerClient sageMaker;
  private final IamClient iam;
  private final StudioLookups lookups;
  private final IamRoles roles;
  private final String rolePath;
  private final StudioAssignments assignments;

  /** With the SDK's clients and the function's role path and identity store. */
  public static AccessRevoker of(FunctionEnvironment environment) {
    SageMakerClient sageMaker = AwsClientFactory.sageMaker();
    return new AccessRevoker(
        sageMaker,
        AwsClientFactory.iam(),
        environment.rolePath(),
        StudioAssignments.of(sageMaker, environment));
  }

  /** For IAM domains only: no Identity Center assignment is removed or put back. */
  public AccessRevoker(SageMakerClient sageMaker, IamClient iam, String rolePath) {
    this(sageMaker, iam, rolePath, null);
  }

  /** {@code assignments} removes and puts back the Studio assignment onboarding made. */
  public AccessRevoker(
      SageMakerClient sageMaker, IamClient iam, String rolePath, StudioAssignments assignments) {
    this.sageMaker = sageMaker;
    this.iam = iam;
    this.lookups = new StudioLookups(sageMaker);
    this.roles = new IamRoles(iam);
    this.rolePath = rolePath;
    this.assignments = assignments;
  }

  public AccessRevocation revoke(RevokeAccessInput input) {
    Violations.requireProfile(input.domainId(), input.userProfileName());
    String user = input.userProfileName();
    Optional<DescribeUserProfileResponse> found = lookups.profile(input.domainId(), user);
    if (found.isEmpty()) {
      return new AccessRevocation(
          user, null, false, false, List.of("user profile " + user + " does not exist"));
    }
    DescribeUserProfileResponse profile = found.get();
    UserSettings settings = profile.userSettings();
    String roleArn = settings == null ? null : settings.executionRole();
    List<String> notRevoked = new ArrayList<>();
    boolean denied = denyRole(roleArn, user, notRevoked);
    boolean disabled = disableStudio(input.domainId(), profile, notRevoked);
    // Only an SSO domain's profile can carry the Studio assignment's mark.
    boolean unassigned =
        assignments != null
            && profile.singleSignOnUserValue() != null
            && assignments.unassign(
                input.domainId(),
                profile.userProfileArn(),
                lookups.tags(profile.userProfileArn()),
                true);
    // The mark a RESTORE lifts and the offboarding checks when its retention ends.
    String requestId = input.correlation() == null ? null : input.correlation().requestId();
    if (requestId != null) {
      sageMaker.addTags(
          AddTagsRequest.builder()
              .resourceArn(profile.userProfileArn())
              .tags(Tag.builder().key(ManagedTags.OFFBOARDING).value(requestId).build())
              .build());
    }
    return new AccessRevocation(user, roleArn, denied, disabled, notRevoked, unassigned);
  }

  /**
   * Gives back what {@link #revoke} took during an offboarding's retention: the role's deny goes,
   * the Studio web portal is enabled, and the offboarding mark is removed, so the offboarding ends
   * without deleting when its retention does.
   */
  public AccessRestoration restore(RestoreAccessInput input) {
    Violations.requireProfile(input.domainId(), input.userProfileName());
    String user = input.userProfileName();
    DescribeUserProfileResponse profile =
        lookups
            .profile(input.domainId(), user)
            .orElseThrow(
                () ->
                    new ResourceFailed(
                        "user profile " + user + " does not exist (any more): nothing to restore"));
    UserSettings settings = profile.userSettings();
    String roleArn = settings == null ? null : settings.executionRole();
    List<String> notRestored = new ArrayList<>();
    boolean roleRestored = undenyRole(roleArn, user, notRestored);
    boolean enabled = enableStudio(input.domainId(), profile);
    Map<String, String> tags = lookups.tags(profile.userProfileArn());
    boolean reassigned =
        assignments != null
            && assignments.reassign(input.domainId(), profile.userProfileArn(), tags);
    String cancelled = tags.get(ManagedTags.OFFBOARDING);
    if (cancelled != null) {
      sageMaker.deleteTags(
          DeleteTagsRequest.builder()
              .resourceArn(profile.userProfileArn())
              .tagKeys(ManagedTags.OFFBOARDING)
              .build());
    }
    return new AccessRestoration(
        user, roleArn, roleRestored, enabled, cancelled, notRestored, reassigned);
  }

  private boolean undenyRole(String roleArn, String user, List<String> notRestored) {
    Optional<String> name = ownRole(roleArn, user, notRestored, "there is no deny to lift");
    if (name.isEmpty()) {
      return false;
    }
    try {
      iam.deleteRolePolicy(
          DeleteRolePolicyRequest.builder()
              .roleName(name.get())
              .policyName(REVOKE_POLICY_NAME)
              .build());
    } catch (NoSuchEntityException e) {
      // Never denied, or lifted already (a replay): access is as it should be.
    }
    return true;
  }

  private boolean enableStudio(String domainId, DescribeUserProfileResponse profile) {
    UserSettings settings = profile.userSettings();
    if (settings == null || settings.studioWebPortal() != StudioWebPortal.DISABLED) {
      return true;
    }
    try {
      sageMaker.updateUserProfile(
          UpdateUserProfileRequest.builder()
              .domainId(domainId)
              .userProfileName(profile.userProfileName())
              .userSettings(UserSettings.builder().studioWebPortal(StudioWebPortal.ENABLED).build())
              .build());
    } catch (ResourceInUseException e) {
      throw busy(profile.userProfileName(), profile.statusAsString(), e);
    }
    return true;
  }

  private boolean denyRole(String roleArn, String user, List<String> notRevoked) {
    Optional<String> name =
        ownRole(roleArn, user, notRevoked, "other users may use it, so it is not denied");
    if (name.isEmpty()) {
      return false;
    }
    iam.putRolePolicy(
        PutRolePolicyRequest.builder()
            .roleName(name.get())
            .policyName(REVOKE_POLICY_NAME)
            .policyDocument(DENY_ALL)
            .build());
    return true;
  }

  /**
   * Sets {@code StudioWebPortal} to {@code DISABLED} ("the user cannot access Studio": API
   * reference, UserSettings). SageMaker updates a profile only when it is InService (or after a
   * failed update): a Pending or Updating one is retried; one being deleted or failed is left.
   */
  private boolean disableStudio(
      String domainId, DescribeUserProfileResponse profile, List<String> notRevoked) {
    UserSettings settings = profile.userSettings();
    if (settings != null && settings.studioWebPortal() == StudioWebPortal.DISABLED) {
      return true;
    }
    UserProfileStatus status =
        StudioLookups.known(profile.status(), UserProfileStatus.UNKNOWN_TO_SDK_VERSION);
    String name = profile.userProfileName();
    switch (status) {
      case IN_SERVICE, UPDATE_FAILED -> {
        try {
          sageMaker.updateUserProfile(
              UpdateUserProfileRequest.builder()
                  .domainId(domainId)
                  .userProfileName(name)
                  .userSettings(
                      UserSettings.builder().studioWebPortal(StudioWebPortal.DISABLED).build())
                  .build());
          return true;
        } catch (ResourceInUseException e) {
          throw busy(name, profile.statusAsString(), e);
        }
      }
      case PENDING, UPDATING -> throw busy(name, profile.statusAsString(), null);
      default -> {
        notRevoked.add(
            "studioWebPortal: user profile "
                + name
                + " is "
                + profile.statusAsString()
                + " and cannot be updated");
        return false;
      }
    }
  }

  /**
   * The name of the role onboarding created for this user, or empty, saying in {@code notes} why
   * not ({@code consequence}: what that means for this step). A role outside the path, or not
   * tagged for the user, is someone else's: it is never touched.
   */
  private Optional<String> ownRole(
      String roleArn, String user, List<String> notes, String consequence) {
    if (roleArn == null) {
      notes.add("executionRole: the profile names none (it uses the domain's default role)");
      return Optional.empty();
    }
    String name = RoleNames.fromArn(roleArn);
    if (!rolePath.equals(RoleNames.pathFromArn(roleArn))) {
      notes.add(
          "executionRole: "
              + roleArn
              + " was not created by studio-lifecycle (outside "
              + rolePath
              + "); "
              + consequence);
      return Optional.empty();
    }
    if (roles.roleUnderThePath(name).isEmpty()) {
      notes.add("executionRole: " + roleArn + " does not exist");
      return Optional.empty();
    }
    Map<String, String> tags = roles.tags(name);
    if (!ManagedTags.isManaged(tags)
        || !ProfileNames.same(user, tags.get(ManagedTags.USER_PROFILE))) {
      notes.add(
          "executionRole: "
              + roleArn
              + " was not created by studio-lifecycle for "
              + user
              + "; "
              + consequence);
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static ResourceBusy busy(String name, String status, Exception cause) {
    return new ResourceBusy(
        "user profile "
            + name
            + " is "
            + status
            + "; its Studio web portal is disabled once it"
            + " settles (retry)",
        cause);
  }
}
