package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.AwsRequestFailed;
import dev.studiolifecycle.error.ExecutionRoleUnusable;
import dev.studiolifecycle.error.ProfileConflict;
import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.error.RoleNotYetAssumable;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.handler.StepInvocation;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.CreateUserProfileInput;
import dev.studiolifecycle.model.DomainAuthMode;
import dev.studiolifecycle.model.DomainSummary;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.RStudioAccess;
import dev.studiolifecycle.model.TimeSeriesForecasting;
import dev.studiolifecycle.model.UserProfileResult;
import dev.studiolifecycle.observability.OutcomeMetrics;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.RequestBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.FeatureStatus;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.MlTools;
import software.amazon.awssdk.services.sagemaker.model.RStudioServerProAccessStatus;
import software.amazon.awssdk.services.sagemaker.model.RStudioServerProUserGroup;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

class UserProfileCreatorTest {

  private static final String ROLE =
      "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe";
  private static final String PROFILE_ARN =
      "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123def456/jane-doe";
  private static final String IMAGE =
      "arn:aws:sagemaker:us-east-1:081325390199:image/sagemaker-distribution-cpu";

  private static final String SAGEMAKER_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String LAMBDA_TRUST = SAGEMAKER_TRUST.replace("sagemaker", "lambda");

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final IamClient iam = mock(IamClient.class);
  private final UserProfileCreator creator = new UserProfileCreator(sageMaker, iam);

  private static DomainSummary domain(DomainAuthMode mode) {
    return new DomainSummary("d-abc123def456", "arn:domain", mode, "InService");
  }

  private static CreateUserProfileInput input(LifecycleRequest request, DomainAuthMode mode) {
    return new CreateUserProfileInput(
        new Correlation("hr-2026-000123", "arn:exec"), request, domain(mode), ROLE);
  }

  private static DescribeUserProfileResponse profile(UserProfileStatus status) {
    return DescribeUserProfileResponse.builder()
        .userProfileArn(PROFILE_ARN)
        .status(status)
        .userSettings(UserSettings.builder().executionRole(ROLE).build())
        .build();
  }

  /** The tags of a profile this workflow created for {@code requestId}. */
  private static ListTagsResponse managedTags(String requestId) {
    return ListTagsResponse.builder()
        .tags(
            Tag.builder().key("managed-by").value("studio-lifecycle").build(),
            Tag.builder().key("studio-lifecycle:request-id").value(requestId).build(),
            Tag.builder().key("studio-lifecycle:user-profile").value("jane-doe").build())
        .build();
  }

  private CreateUserProfileRequest created() {
    ArgumentCaptor<CreateUserProfileRequest> sent =
        ArgumentCaptor.forClass(CreateUserProfileRequest.class);
    verify(sageMaker).createUserProfile(sent.capture());
    return sent.getValue();
  }

  private void createSucceeds() {
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenReturn(CreateUserProfileResponse.builder().userProfileArn(PROFILE_ARN).build());
    // Not there before the call (the creator looks first), Pending right after it.
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound())
        .thenReturn(profile(UserProfileStatus.PENDING));
  }

  @Test
  void aProfileOnboardedWithATeamRecordsTheTeamForTheReconcile() {
    createSucceeds();

    creator.create(input(RequestBuilder.onboard().team("risk").build(), DomainAuthMode.IAM));

    assertThat(created().tags())
        .extracting(Tag::key, Tag::value)
        .contains(tuple("studio-lifecycle:team", "risk"));
  }

  @Test
  void createsAProfileWithEverySettingTheRequestAsksFor() {
    createSucceeds();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "ml-platform");
    UserProfileResult result =
        creator.create(
            input(
                RequestBuilder.onboard()
                    .email("jane.doe@example.com")
                    .ssoUserName("jane.doe")
                    .tags(tags)
                    .jupyterLab(IMAGE, "ml.t3.medium")
                    .jumpStart(false)
                    .projects(false)
                    .rstudio(RStudioAccess.ADMIN)
                    .canvas(new CanvasSettings(true, new TimeSeriesForecasting(true, null)))
                    .build(),
                DomainAuthMode.SSO));

    CreateUserProfileRequest sent = created();
    assertThat(sent.domainId()).isEqualTo("d-abc123def456");
    assertThat(sent.userProfileName()).isEqualTo("jane-doe");
    assertThat(sent.singleSignOnUserIdentifier()).isEqualTo("UserName");
    assertThat(sent.singleSignOnUserValue()).isEqualTo("jane.doe");
    UserSettings settings = sent.userSettings();
    assertThat(settings.executionRole()).isEqualTo(ROLE);
    assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().sageMakerImageArn())
        .isEqualTo(IMAGE);
    assertThat(settings.jupyterLabAppSettings().defaultResourceSpec().instanceTypeAsString())
        .isEqualTo("ml.t3.medium");
    assertThat(settings.rStudioServerProAppSettings().accessStatus())
        .isEqualTo(RStudioServerProAccessStatus.ENABLED);
    assertThat(settings.rStudioServerProAppSettings().userGroup())
        .isEqualTo(RStudioServerProUserGroup.R_STUDIO_ADMIN);
    assertThat(settings.canvasAppSettings().timeSeriesForecastingSettings().status())
        .isEqualTo(FeatureStatus.ENABLED);
    assertThat(settings.canvasAppSettings().timeSeriesForecastingSettings().amazonForecastRoleArn())
        .as("forecasting without a role of its own uses the execution role")
        .isEqualTo(ROLE);
    assertThat(settings.studioWebPortalSettings().hiddenMlTools())
        .containsExactly(MlTools.JUMP_START, MlTools.PROJECTS);
    assertThat(settings.studioWebPortalSettings().hiddenMlToolsAsStrings())
        .containsExactly("JumpStart", "Projects");
    assertThat(sent.tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(
            tuple("team", "ml-platform"),
            tuple("managed-by", "studio-lifecycle"),
            tuple("studio-lifecycle:request-id", "hr-2026-000123"),
            tuple("studio-lifecycle:user-profile", "jane-doe"));

    assertThat(result)
        .isEqualTo(
            new UserProfileResult(
                "d-abc123def456",
                "jane-doe",
                PROFILE_ARN,
                "Pending",
                true,
                false,
                UserProfileResult.ONBOARDED,
                List.of(),
                null));
  }

  @Test
  void anIamDomainProfileHasNoSsoFieldsAndOnlyTheSettingsAskedFor() {
    createSucceeds();
    creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM));
    CreateUserProfileRequest sent = created();
    assertThat(sent.singleSignOnUserIdentifier()).isNull();
    assertThat(sent.singleSignOnUserValue()).isNull();
    assertThat(sent.userSettings().jupyterLabAppSettings()).isNull();
    assertThat(sent.userSettings().rStudioServerProAppSettings()).isNull();
    assertThat(sent.userSettings().canvasAppSettings()).isNull();
    assertThat(sent.userSettings().studioWebPortalSettings()).isNull();
  }

  @Test
  void mapsRStudioAccess() {
    assertThat(
            UserProfileCreator.userSettings(
                    RequestBuilder.onboard().rstudio(RStudioAccess.UNAUTHORIZED).build(), ROLE)
                .rStudioServerProAppSettings()
                .accessStatus())
        .isEqualTo(RStudioServerProAccessStatus.DISABLED);
    assertThat(
            UserProfileCreator.userSettings(
                    RequestBuilder.onboard().rstudio(RStudioAccess.USER).build(), ROLE)
                .rStudioServerProAppSettings()
                .userGroup())
        .isEqualTo(RStudioServerProUserGroup.R_STUDIO_USER);
  }

  @Test
  void forecastingOffOrWithItsOwnRole() {
    UserSettings off =
        UserProfileCreator.userSettings(
            RequestBuilder.onboard()
                .canvas(new CanvasSettings(false, new TimeSeriesForecasting(false, null)))
                .build(),
            ROLE);
    assertThat(off.canvasAppSettings().timeSeriesForecastingSettings().status())
        .isEqualTo(FeatureStatus.DISABLED);
    assertThat(off.canvasAppSettings().timeSeriesForecastingSettings().amazonForecastRoleArn())
        .isNull();
    UserSettings own =
        UserProfileCreator.userSettings(
            RequestBuilder.onboard()
                .canvas(
                    new CanvasSettings(
                        false, new TimeSeriesForecasting(true, "arn:aws:iam::1:role/Forecast")))
                .build(),
            ROLE);
    assertThat(own.canvasAppSettings().timeSeriesForecastingSettings().amazonForecastRoleArn())
        .isEqualTo("arn:aws:iam::1:role/Forecast");
  }

  @Test
  void adoptsAProfileThisWorkflowCreatedBeforeWithoutCallingCreate() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(profile(UserProfileStatus.IN_SERVICE));
    when(sageMaker.listTags(any(ListTagsRequest.class))).thenReturn(managedTags("hr-2026-000123"));
    UserProfileResult result =
        creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM));
    assertThat(result)
        .isEqualTo(
            new UserProfileResult(
                "d-abc123def456",
                "jane-doe",
                PROFILE_ARN,
                "InService",
                true,
                true,
                UserProfileResult.ONBOARDED,
                List.of(),
                null));
    ArgumentCaptor<ListTagsRequest> tags = ArgumentCaptor.forClass(ListTagsRequest.class);
    verify(sageMaker).listTags(tags.capture());
    assertThat(tags.getValue().resourceArn()).isEqualTo(PROFILE_ARN);
    verify(sageMaker, never()).createUserProfile(any(CreateUserProfileRequest.class));
  }

  @Test
  void bringsAProfileOfOursToTheRequestAndSaysWhatChanged() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(profile(UserProfileStatus.IN_SERVICE));
    when(sageMaker.listTags(any(ListTagsRequest.class))).thenReturn(managedTags("hr-2026-000001"));

    UserProfileResult result =
        creator.create(
            input(
                RequestBuilder.onboard()
                    .action(Action.UPDATE)
                    .rstudio(RStudioAccess.ADMIN)
                    .tags(Map.of("team", "risk"))
                    .build(),
                DomainAuthMode.IAM));

    ArgumentCaptor<UpdateUserProfileRequest> update =
        ArgumentCaptor.forClass(UpdateUserProfileRequest.class);
    verify(sageMaker).updateUserProfile(update.capture());
    assertThat(update.getValue().userSettings().rStudioServerProAppSettings().userGroupAsString())
        .isEqualTo("R_STUDIO_ADMIN");
    assertThat(update.getValue().userSettings().executionRole()).isNull();
    ArgumentCaptor<AddTagsRequest> tags = ArgumentCaptor.forClass(AddTagsRequest.class);
    verify(sageMaker).addTags(tags.capture());
    assertThat(tags.getValue().tags()).extracting(Tag::key).containsExactly("team");
    assertThat(result.outcome()).isEqualTo(UserProfileResult.UPDATED);
    assertThat(result.status()).isEqualTo("Updating");
    assertThat(result.changes())
        .containsExactly(
            "RStudioServerProAppSettings: (none) -> ENABLED R_STUDIO_ADMIN",
            "tag team: (none) -> risk");
  }

  @Test
  void aProfileOnboardedBeforeProfilesCarriedTheirOwnerGetsTheOwnerTag() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(profile(UserProfileStatus.IN_SERVICE));
    when(sageMaker.listTags(any(ListTagsRequest.class)))
        .thenReturn(
            ListTagsResponse.builder()
                .tags(
                    Tag.builder().key("managed-by").value("studio-lifecycle").build(),
                    Tag.builder().key("studio-lifecycle:request-id").value("hr-1").build())
                .build());

    UserProfileResult result =
        creator.create(
            input(RequestBuilder.onboard().action(Action.UPDATE).build(), DomainAuthMode.IAM));

    ArgumentCaptor<AddTagsRequest> tags = ArgumentCaptor.forClass(AddTagsRequest.class);
    verify(sageMaker).addTags(tags.capture());
    assertThat(tags.getValue().tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("studio-lifecycle:user-profile", "jane-doe"));
    assertThat(result.changes())
        .containsExactly("tag studio-lifecycle:user-profile: (none) -> jane-doe");
  }

  @Test
  void aProfileStillUpdatingIsBusyAndRetried() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(profile(UserProfileStatus.UPDATING));
    when(sageMaker.listTags(any(ListTagsRequest.class))).thenReturn(managedTags("hr-2026-000001"));
    when(sageMaker.updateUserProfile(any(UpdateUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());

    assertThatThrownBy(
            () ->
                creator.create(
                    input(
                        RequestBuilder.onboard().rstudio(RStudioAccess.USER).build(),
                        DomainAuthMode.IAM)))
        .isInstanceOf(ResourceBusy.class)
        .hasMessageContaining("is Updating and cannot be updated yet");
  }

  @Test
  void anUpdateThatFindsTheProfileAsRequestedSaysUnchangedAndCallsNothing() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(profile(UserProfileStatus.IN_SERVICE));
    when(sageMaker.listTags(any(ListTagsRequest.class))).thenReturn(managedTags("hr-2026-000001"));

    UserProfileResult result =
        creator.create(
            input(RequestBuilder.onboard().action(Action.UPDATE).build(), DomainAuthMode.IAM));

    verify(sageMaker, never()).updateUserProfile(any(UpdateUserProfileRequest.class));
    verify(sageMaker, never()).addTags(any(AddTagsRequest.class));
    assertThat(result.outcome()).isEqualTo(UserProfileResult.UNCHANGED);
  }

  @Test
  void adoptsAProfileCreatedBetweenItsLookAndItsCreateCall() {
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound())
        .thenReturn(profile(UserProfileStatus.PENDING));
    when(sageMaker.listTags(any(ListTagsRequest.class))).thenReturn(managedTags("hr-2026-000999"));
    UserProfileResult result =
        creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM));
    assertThat(result)
        .isEqualTo(
            new UserProfileResult(
                "d-abc123def456",
                "jane-doe",
                PROFILE_ARN,
                "Pending",
                false,
                true,
                UserProfileResult.ONBOARDED,
                List.of(),
                null));
  }

  @Test
  void aProfileOfSomeoneElseIsAConflict() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(DescribeUserProfileResponse.builder().userProfileArn(PROFILE_ARN).build());
    when(sageMaker.listTags(any(ListTagsRequest.class)))
        .thenReturn(ListTagsResponse.builder().tags(List.of()).build());
    assertThatThrownBy(
            () -> creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM)))
        .isInstanceOf(ProfileConflict.class)
        .hasMessageContaining("was not created by studio-lifecycle");
  }

  private void noProfileYet() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
  }

  @Test
  void inUseWithoutAProfileIsRetryableInAnIamDomain() {
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThatThrownBy(
            () -> creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM)))
        .isInstanceOf(ResourceBusy.class)
        .hasMessageContaining("no longer exists");
  }

  @Test
  void inUseWithoutAProfileInAnSsoDomainIsAConflictOfTheIdentityCenterUser() {
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerInUse());
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    LifecycleRequest request =
        RequestBuilder.onboard()
            .email("jane.doe@example.com")
            .ssoUserName("jane.doe@example.com")
            .build();
    assertThatThrownBy(() -> creator.create(input(request, DomainAuthMode.SSO)))
        .isInstanceOf(ProfileConflict.class)
        .hasMessageStartingWith("ssoUserName: ")
        .hasMessageContaining("already has another user profile")
        .hasMessageNotContaining("@");
  }

  /**
   * SageMaker words the refusal differently by operation: the first is recorded for
   * CreateTransformJob, the second for CreateModel; any wording of a ValidationException counts.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Could not assume role %s. Please ensure that the role exists and allows principal "
            + "'sagemaker.amazonaws.com' to assume the role.",
        "The execution role ARN \"%s\" is invalid. Please ensure that the role exists and that its"
            + " trust relationship policy allows the action \"sts:AssumeRole\" for the service"
            + " principal \"sagemaker.amazonaws.com\".",
        "Some wording no one has seen yet about %s"
      })
  void aRefusedRoleThatIamShowsTrustingSageMakerIsRoleNotYetAssumable(String wording) {
    noProfileYet();
    refusedWith(wording.formatted(ROLE));
    roleTrusting(SAGEMAKER_TRUST);
    assertThatThrownBy(
            () -> creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM)))
        .isInstanceOf(RoleNotYetAssumable.class)
        .hasMessageContaining(ROLE)
        .hasMessageContaining("SageMaker said: " + wording.formatted(ROLE))
        .satisfies(e -> assertThat(((RoleNotYetAssumable) e).retryable()).isTrue());
    ArgumentCaptor<GetRoleRequest> asked = ArgumentCaptor.forClass(GetRoleRequest.class);
    verify(iam).getRole(asked.capture());
    assertThat(asked.getValue().roleName()).isEqualTo("studio-jane-doe");
  }

  @Test
  void aRefusedRoleThatDoesNotTrustSageMakerIsExecutionRoleUnusable() {
    noProfileYet();
    refusedWith("Could not assume role " + ROLE + ".");
    roleTrusting(LAMBDA_TRUST);
    assertThatThrownBy(
            () -> creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM)))
        .isInstanceOf(ExecutionRoleUnusable.class)
        .hasMessageStartingWith("executionRoleArn: ")
        .hasMessageContaining("does not let sagemaker.amazonaws.com call sts:AssumeRole")
        .satisfies(e -> assertThat(((ExecutionRoleUnusable) e).retryable()).isFalse());
  }

  @Test
  void aRefusedRoleThatIamDoesNotKnowIsExecutionRoleUnusable() {
    noProfileYet();
    refusedWith("Invalid instance type");
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    assertThatThrownBy(
            () -> creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.IAM)))
        .isInstanceOf(ExecutionRoleUnusable.class)
        .hasMessageContaining("IAM has no such role (Invalid instance type)");
  }

  @Test
  void otherSageMakerErrorsAreAwsRequestFailuresWithoutAskingIam() {
    noProfileYet();
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMaker("ResourceLimitExceeded", "Too many profiles", 400));
    StepInvocation invocation = new StepInvocation("CreateUserProfile", mock(OutcomeMetrics.class));
    assertThatThrownBy(
            () ->
                invocation.run(
                    null,
                    null,
                    () ->
                        creator.create(
                            input(RequestBuilder.onboard().build(), DomainAuthMode.IAM))))
        .isInstanceOf(AwsRequestFailed.class)
        .hasMessage("SageMaker ResourceLimitExceeded (HTTP 400): Too many profiles");
    verifyNoInteractions(iam);
  }

  private void refusedWith(String message) {
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerValidation(message));
  }

  private void roleTrusting(String trustPolicy) {
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(Role.builder().arn(ROLE).assumeRolePolicyDocument(trustPolicy).build())
                .build());
  }

  @Test
  void requiresRoleDomainAndSsoUserForSsoDomains() {
    assertThatThrownBy(
            () ->
                creator.create(
                    new CreateUserProfileInput(null, RequestBuilder.onboard().build(), null, null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("domain: is required; executionRoleArn: is required");
    assertThatThrownBy(
            () -> creator.create(input(RequestBuilder.onboard().build(), DomainAuthMode.SSO)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("request.ssoUserName: is required");
    verifyNoInteractions(sageMaker);
  }
}
