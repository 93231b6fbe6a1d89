package dev.studiolifecycle.service;

import dev.studiolifecycle.aws.AwsErrorCodes;
import dev.studiolifecycle.error.ExecutionRoleUnusable;
import dev.studiolifecycle.error.LifecycleError;
import dev.studiolifecycle.error.ProfileConflict;
import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.error.RoleNotYetAssumable;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.CreateUserProfileInput;
import dev.studiolifecycle.model.DomainAuthMode;
import dev.studiolifecycle.model.JupyterLabSettings;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.RStudioAccess;
import dev.studiolifecycle.model.SpaceStorage;
import dev.studiolifecycle.model.TimeSeriesForecasting;
import dev.studiolifecycle.model.UserProfileResult;
import dev.studiolifecycle.validation.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AppLifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.CanvasAppSettings;
import software.amazon.awssdk.services.sagemaker.model.CodeEditorAppSettings;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DefaultEbsStorageSettings;
import software.amazon.awssdk.services.sagemaker.model.DefaultSpaceStorageSettings;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.FeatureStatus;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.MlTools;
import software.amazon.awssdk.services.sagemaker.model.RStudioServerProAccessStatus;
import software.amazon.awssdk.services.sagemaker.model.RStudioServerProAppSettings;
import software.amazon.awssdk.services.sagemaker.model.RStudioServerProUserGroup;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceSpec;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortalSettings;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TimeSeriesForecastingSettings;
import software.amazon.awssdk.services.sagemaker.model.UpdateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * The CreateUserProfile step: creates the profile with the request's settings and tags, or brings a
 * profile of this workflow that already exists (a replay, an UPDATE, a second ONBOARD) to the
 * request, never a profile it did not create. A role that SageMaker refuses but IAM shows existing
 * and trusting SageMaker becomes {@code RoleNotYetAssumable}, which the state machine retries while
 * IAM propagates.
 */
public final class UserProfileCreator {

  /** SageMaker's identifier type for IAM Identity Center users. */
  static final String SSO_USER_IDENTIFIER = "UserName";

  private final SageMakerClient sageMaker;
  private final StudioLookups lookups;
  private final IamRoles roles;
  private final OffboardingGuard guard;
  private final StudioAssignments assignments;

  /** For IAM domains only: SSO users are not made sure of (see {@link StudioAssignments}). */
  public UserProfileCreator(SageMakerClient sageMaker, IamClient iam) {
    this(sageMaker, iam, OffboardingGuard.NONE, null);
  }

  /**
   * {@code guard} is asked before Studio and the mark an offboarding took are given back; {@code
   * assignments} makes sure an SSO user can open Studio.
   */
  public UserProfileCreator(
      SageMakerClient sageMaker,
      IamClient iam,
      OffboardingGuard guard,
      StudioAssignments assignments) {
    this.sageMaker = sageMaker;
    this.lookups = new StudioLookups(sageMaker);
    this.roles = new IamRoles(iam);
    this.guard = guard;
    this.assignments = assignments;
  }

  /** Creates or converges the profile, then makes sure the user can open Studio. */
  public UserProfileResult create(CreateUserProfileInput input) {
    UserProfileResult result = createOrConverge(input);
    if (assignments == null || result.userProfileArn() == null) {
      return result;
    }
    return result.withStudio(
        assignments.ensure(result.userProfileArn(), input.domain(), input.ssoUser()));
  }

  private UserProfileResult createOrConverge(CreateUserProfileInput input) {
    check(input);
    LifecycleRequest request = input.request();
    String requestId = Correlation.requestIdOr(input.correlation(), request.requestId());
    CreateUserProfileRequest call = profileRequest(input, requestId);
    // Look before creating: a replay of the request must not call CreateUserProfile again.
    Optional<DescribeUserProfileResponse> existing =
        lookups.profile(request.domainId(), request.userProfileName());
    if (existing.isPresent()) {
      return converge(input, requestId, existing.get());
    }
    try {
      CreateUserProfileResponse created = sageMaker.createUserProfile(call);
      String status =
          lookups
              .profile(request.domainId(), request.userProfileName())
              .map(DescribeUserProfileResponse::statusAsString)
              .orElse(null);
      return new UserProfileResult(
          request.domainId(),
          request.userProfileName(),
          created.userProfileArn(),
          status,
          true,
          false,
          UserProfileResult.ONBOARDED,
          List.of(),
          null);
    } catch (ResourceInUseException e) {
      return adopt(input, requestId);
    } catch (SageMakerException e) {
      if (AwsErrorCodes.isValidationException(e)) {
        throw refusal(input, e);
      }
      throw e;
    }
  }

  /**
   * SageMaker refuses a role it cannot assume with ValidationException, worded differently by
   * different operations ("Could not assume role ...", "The execution role ARN ... is invalid ...
   * allows the action "sts:AssumeRole" ..."). So the code decides, never the wording, and IAM
   * confirms: a role that exists and trusts SageMaker is one IAM has not propagated yet (retried);
   * a role that is gone or does not trust SageMaker will not become assumable by waiting.
   */
  /**
   * SageMaker's ValidationException on creating or updating the profile. In an SSO domain it is
   * also SageMaker's answer to a SingleSignOnUserValue the directory does not hold: a user deleted
   * in Identity Center since Validate found her, whom no retry brings back, is named first.
   */
  private LifecycleError refusal(CreateUserProfileInput input, SageMakerException refusal) {
    if (assignments != null
        && input.ssoUser() != null
        && !assignments.userStillExists(input.ssoUser())) {
      return new ValidationError(
          "ssoUserName: IAM Identity Center no longer has user "
              + input.ssoUser().userName()
              + " (deleted since the request was validated; SageMaker said: "
              + AwsErrorCodes.message(refusal)
              + ")");
    }
    return roleRefusal(input.executionRoleArn(), refusal);
  }

  private LifecycleError roleRefusal(String roleArn, SageMakerException refusal) {
    String said = AwsErrorCodes.message(refusal);
    Optional<Role> role = roles.role(RoleNames.fromArn(roleArn));
    if (role.isEmpty()) {
      return new ExecutionRoleUnusable(
          "executionRoleArn: SageMaker refused role "
              + roleArn
              + " and IAM has no such role ("
              + said
              + ")",
          refusal);
    }
    if (!ExecutionRolePolicy.trusts(
        role.get().assumeRolePolicyDocument(), ExecutionRolePolicy.SAGEMAKER)) {
      return new ExecutionRoleUnusable(
          "executionRoleArn: SageMaker refused role "
              + roleArn
              + ", whose trust policy does not let "
              + ExecutionRolePolicy.SAGEMAKER
              + " call sts:AssumeRole ("
              + said
              + ")",
          refusal);
    }
    return new RoleNotYetAssumable(
        "SageMaker refused execution role "
            + roleArn
            + ", which exists and trusts "
            + ExecutionRolePolicy.SAGEMAKER
            + ": IAM has not propagated it yet; retry (SageMaker said: "
            + said
            + ")",
        refusal);
  }

  private static void check(CreateUserProfileInput input) {
    Violations v = new Violations();
    v.require("request", input.request());
    v.require("domain", input.domain());
    v.require("executionRoleArn", input.executionRoleArn());
    v.throwIfAny();
    v.require("request.domainId", input.request().domainId());
    v.require("request.userProfileName", input.request().userProfileName());
    v.require("domain.authMode", input.domain().authMode());
    if (input.domain().authMode() == DomainAuthMode.SSO) {
      v.require("request.ssoUserName", input.request().ssoUserName());
    }
    v.throwIfAny();
  }

  private static CreateUserProfileRequest profileRequest(
      CreateUserProfileInput input, String requestId) {
    LifecycleRequest request = input.request();
    CreateUserProfileRequest.Builder call =
        CreateUserProfileRequest.builder()
            .domainId(request.domainId())
            .userProfileName(request.userProfileName())
            .userSettings(userSettings(request, input.executionRoleArn()))
            .tags(tags(request, requestId));
    if (input.domain().authMode() == DomainAuthMode.SSO) {
      call.singleSignOnUserIdentifier(SSO_USER_IDENTIFIER)
          .singleSignOnUserValue(request.ssoUserName());
    }
    return call.build();
  }

  static UserSettings userSettings(LifecycleRequest request, String executionRoleArn) {
    UserSettings.Builder settings = UserSettings.builder().executionRole(executionRoleArn);
    JupyterLabSettings jupyterLab = request.jupyterLab();
    AppLifecycleManagement idle = ProfileConvergence.idleSettings(request.idleShutdown());
    JupyterLabAppSettings.Builder lab = JupyterLabAppSettings.builder();
    boolean labSet = false;
    if (jupyterLab != null
        && (jupyterLab.imageArn() != null || jupyterLab.instanceType() != null)) {
      lab.defaultResourceSpec(
          ResourceSpec.builder()
              .sageMakerImageArn(jupyterLab.imageArn())
              .instanceType(jupyterLab.instanceType())
              .build());
      labSet = true;
    }
    if (idle != null) {
      lab.appLifecycleManagement(idle);
      settings.codeEditorAppSettings(
          CodeEditorAppSettings.builder().appLifecycleManagement(idle).build());
      labSet = true;
    }
    if (labSet) {
      settings.jupyterLabAppSettings(lab.build());
    }
    if (request.spaceStorage() != null) {
      settings.spaceStorageSettings(spaceStorage(request.spaceStorage()));
    }
    if (request.rstudio() != null) {
      settings.rStudioServerProAppSettings(rstudio(request.rstudio()));
    }
    CanvasSettings canvas = request.canvas();
    if (canvas != null && canvas.timeSeriesForecasting() != null) {
      TimeSeriesForecasting forecasting = canvas.timeSeriesForecasting();
      TimeSeriesForecastingSettings.Builder ts =
          TimeSeriesForecastingSettings.builder()
              .status(forecasting.switchedOn() ? FeatureStatus.ENABLED : FeatureStatus.DISABLED);
      if (forecasting.switchedOn()) {
        ts.amazonForecastRoleArn(
            forecasting.roleArn() != null ? forecasting.roleArn() : executionRoleArn);
      }
      settings.canvasAppSettings(
          CanvasAppSettings.builder().timeSeriesForecastingSettings(ts.build()).build());
    }
    StudioWebPortalSettings portal = portal(request);
    if (portal != null) {
      settings.studioWebPortalSettings(portal);
    }
    return settings.build();
  }

  /** The hidden tools and instance types the request decides; null when it hides nothing. */
  private static StudioWebPortalSettings portal(LifecycleRequest request) {
    List<MlTools> hidden = new ArrayList<>();
    if (!request.allowsJumpStart()) {
      hidden.add(MlTools.JUMP_START);
    }
    if (!request.allowsProjects()) {
      hidden.add(MlTools.PROJECTS);
    }
    if (hidden.isEmpty() && request.hiddenInstanceTypes() == null) {
      return null;
    }
    StudioWebPortalSettings.Builder portal = StudioWebPortalSettings.builder();
    if (!hidden.isEmpty()) {
      portal.hiddenMlTools(hidden);
    }
    if (request.hiddenInstanceTypes() != null) {
      portal.hiddenInstanceTypesWithStrings(request.hiddenInstanceTypes());
    }
    return portal.build();
  }

  private static DefaultSpaceStorageSettings spaceStorage(SpaceStorage storage) {
    return DefaultSpaceStorageSettings.builder()
        .defaultEbsStorageSettings(
            DefaultEbsStorageSettings.builder()
                .defaultEbsVolumeSizeInGb(storage.defaultSizeInGb())
                .maximumEbsVolumeSizeInGb(storage.maximumSizeInGb())
                .build())
        .build();
  }

  private static RStudioServerProAppSettings rstudio(RStudioAccess access) {
    return switch (access) {
      case UNAUTHORIZED ->
          RStudioServerProAppSettings.builder()
              .accessStatus(RStudioServerProAccessStatus.DISABLED)
              .build();
      case ADMIN ->
          RStudioServerProAppSettings.builder()
              .accessStatus(RStudioServerProAccessStatus.ENABLED)
              .userGroup(RStudioServerProUserGroup.R_STUDIO_ADMIN)
              .build();
      case USER ->
          RStudioServerProAppSettings.builder()
              .accessStatus(RStudioServerProAccessStatus.ENABLED)
              .userGroup(RStudioServerProUserGroup.R_STUDIO_USER)
              .build();
    };
  }

  private static List<Tag> tags(LifecycleRequest request, String requestId) {
    List<Tag> tags = new ArrayList<>();
    for (Map.Entry<String, String> tag : request.tagsOrEmpty().entrySet()) {
      tags.add(Tag.builder().key(tag.getKey()).value(tag.getValue()).build());
    }
    tags.add(Tag.builder().key(ManagedTags.MANAGED_BY).value(ManagedTags.MANAGED_BY_VALUE).build());
    tags.add(Tag.builder().key(ManagedTags.REQUEST_ID).value(requestId).build());
    tags.add(Tag.builder().key(ManagedTags.USER_PROFILE).value(request.userProfileName()).build());
    if (request.team() != null) {
      tags.add(Tag.builder().key(ManagedTags.TEAM).value(request.team()).build());
    }
    return tags;
  }

  /**
   * SageMaker said "in use" but no profile of that name exists. In an IAM Identity Center domain
   * the Identity Center user is then linked to another profile, which no retry changes; otherwise
   * the profile vanished between the two calls, and a retry creates it. The Identity Center user
   * name is not echoed: it is often an e-mail address.
   */
  private static LifecycleError inUseWithoutProfile(CreateUserProfileInput input) {
    LifecycleRequest request = input.request();
    if (input.domain().authMode() == DomainAuthMode.SSO) {
      return new ProfileConflict(
          "ssoUserName: SageMaker refused user profile "
              + request.userProfileName()
              + " as in use, and no profile of that name exists in domain "
              + request.domainId()
              + ": the request's IAM Identity Center user already has another user profile"
              + " there");
    }
    return new ResourceBusy(
        "user profile "
            + request.userProfileName()
            + " was reported in use but no longer exists; retry");
  }

  private UserProfileResult adopt(CreateUserProfileInput input, String requestId) {
    LifecycleRequest request = input.request();
    DescribeUserProfileResponse existing =
        lookups
            .profile(request.domainId(), request.userProfileName())
            .orElseThrow(() -> inUseWithoutProfile(input));
    return converge(input, requestId, existing);
  }

  /**
   * A profile of this workflow exists: brings its settings and tags to the request
   * (UpdateUserProfile, then AddTags) and says what changed. A profile that is still Pending or
   * Updating cannot be updated yet; SageMaker's ResourceInUse becomes {@code ResourceBusy}, which
   * the state machine retries.
   */
  /** UpdateUserProfile with the members that differ; a profile not InService yet is busy. */
  private void update(CreateUserProfileInput input, UserSettings settings, String status) {
    LifecycleRequest request = input.request();
    try {
      sageMaker.updateUserProfile(
          UpdateUserProfileRequest.builder()
              .domainId(request.domainId())
              .userProfileName(request.userProfileName())
              .userSettings(settings)
              .build());
    } catch (ResourceInUseException e) {
      throw new ResourceBusy(
          "user profile "
              + request.userProfileName()
              + " is "
              + status
              + " and cannot be updated yet; retry",
          e);
    } catch (SageMakerException e) {
      if (AwsErrorCodes.isValidationException(e)) {
        throw refusal(input, e);
      }
      throw e;
    }
  }

  private UserProfileResult converge(
      CreateUserProfileInput input, String requestId, DescribeUserProfileResponse existing) {
    LifecycleRequest request = input.request();
    Map<String, String> tags = lookups.tags(existing.userProfileArn());
    Map<String, String> wantedTags = wantedTags(request, tags);
    if (tags.get(ManagedTags.OFFBOARDING) != null) {
      guard.beforeGivingBack(
          input.correlation() == null ? null : input.correlation().executionArn(),
          request.domainId(),
          request.userProfileName());
    }
    ProfileConvergence plan =
        ProfileConvergence.plan(
            existing.userSettings(),
            userSettings(request, input.executionRoleArn()),
            tags,
            wantedTags,
            input.managedTagKeys());
    String status = existing.statusAsString();
    if (plan.settingsUpdate().isPresent()) {
      update(input, plan.settingsUpdate().get(), status);
      status = UserProfileStatus.UPDATING.toString();
    }
    String offboarding = tags.get(ManagedTags.OFFBOARDING);
    retag(existing.userProfileArn(), plan, offboarding);
    boolean roleChanged = !input.executionRoleChanges().isEmpty();
    List<String> changes = new ArrayList<>(plan.changes());
    if (offboarding != null) {
      changes.add("offboarding " + offboarding + ": pending -> cancelled (nothing is deleted)");
    }
    String outcome =
        !changes.isEmpty() || roleChanged
            ? UserProfileResult.UPDATED
            : request.action() == Action.UPDATE
                ? UserProfileResult.UNCHANGED
                : UserProfileResult.ONBOARDED;
    return new UserProfileResult(
        request.domainId(),
        request.userProfileName(),
        existing.userProfileArn(),
        status,
        ManagedTags.createdFor(tags, requestId),
        true,
        outcome,
        changes,
        null);
  }

  /**
   * The tags the existing profile should have. A profile this workflow did not make is refused,
   * unless the request adopts it.
   */
  private static Map<String, String> wantedTags(
      LifecycleRequest request, Map<String, String> tags) {
    Map<String, String> wanted = new LinkedHashMap<>(request.tagsOrEmpty());
    // Whose the profile is, as on her role: the permissions boundary compares the two. A profile
    // onboarded before it carried the tag gets it now.
    wanted.put(ManagedTags.USER_PROFILE, request.userProfileName());
    if (request.team() != null) {
      wanted.put(ManagedTags.TEAM, request.team());
    }
    if (!ManagedTags.isManaged(tags)) {
      if (!request.adopts()) {
        throw ProfileConflict.notManaged(request.domainId(), request.userProfileName());
      }
      // Taken over: ours from now on, but never marked as created by this request, so a failed
      // run never deletes it.
      wanted.put(ManagedTags.MANAGED_BY, ManagedTags.MANAGED_BY_VALUE);
    }
    return wanted;
  }

  /**
   * The profile's tags as planned; an offboarding mark is removed: onboarded again during an
   * offboarding's retention, that offboarding must delete nothing.
   */
  private void retag(String profileArn, ProfileConvergence plan, String offboarding) {
    List<String> deleted = new ArrayList<>(plan.tagsToDelete());
    if (offboarding != null) {
      deleted.add(ManagedTags.OFFBOARDING);
    }
    if (!deleted.isEmpty()) {
      sageMaker.deleteTags(
          DeleteTagsRequest.builder().resourceArn(profileArn).tagKeys(deleted).build());
    }
    if (!plan.tagsToSet().isEmpty()) {
      List<Tag> added = new ArrayList<>();
      plan.tagsToSet()
          .forEach((key, value) -> added.add(Tag.builder().key(key).value(value).build()));
      sageMaker.addTags(AddTagsRequest.builder().resourceArn(profileArn).tags(added).build());
    }
  }
}
