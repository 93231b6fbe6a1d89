package dev.studiolifecycle.service;

import static dev.studiolifecycle.testing.SageMakerCalls.assertOnlyReads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.error.CheckAgainIn30Seconds;
import dev.studiolifecycle.error.DomainNotFound;
import dev.studiolifecycle.error.DomainNotReady;
import dev.studiolifecycle.error.ProfileConflict;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.DomainAuthMode;
import dev.studiolifecycle.model.ManagedTags;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.ValidatedRequest;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.Fixtures;
import dev.studiolifecycle.testing.Mocks;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AuthMode;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DomainStatus;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;

class ValidationServiceTest {

  private static final String DOMAIN_ARN =
      "arn:aws:sagemaker:us-east-1:123456789012:domain/d-abc123def456";
  private static final String PROFILE_ARN =
      "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123def456/jane-doe";

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final SfnClient stepFunctions = mock(SfnClient.class);
  private final ValidationService service = Mocks.validation(sageMaker, stepFunctions);

  private static JsonNode payload(String fixture) throws Exception {
    return ModelJson.readTree(Fixtures.text(fixture));
  }

  private static JsonNode json(String text) throws Exception {
    return ModelJson.readTree(text);
  }

  private void domain(AuthMode authMode, DomainStatus status) {
    when(sageMaker.describeDomain(any(DescribeDomainRequest.class)))
        .thenReturn(
            DescribeDomainResponse.builder()
                .domainId("d-abc123def456")
                .domainArn(DOMAIN_ARN)
                .authMode(authMode)
                .status(status)
                .build());
  }

  private void noProfile() {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
  }

  private void profile(UserProfileStatus status, Tag... tags) {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder()
                .userProfileArn(PROFILE_ARN)
                .status(status)
                .homeEfsFileSystemUid("200005")
                .userSettings(
                    UserSettings.builder()
                        .executionRole(
                            "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe")
                        .build())
                .build());
    when(sageMaker.listTags(any(ListTagsRequest.class)))
        .thenReturn(ListTagsResponse.builder().tags(tags).build());
  }

  private static Tag managedBy() {
    return Tag.builder().key("managed-by").value("studio-lifecycle").build();
  }

  @Test
  void validatesAFullOnboardingRequestForAnSsoDomain() throws Exception {
    domain(AuthMode.SSO, DomainStatus.IN_SERVICE);
    noProfile();
    ValidatedRequest result = service.validate(payload("validate/onboard-full.json"));
    assertThat(result.request().action()).isEqualTo(Action.ONBOARD);
    assertThat(result.correlation().requestId()).isEqualTo("hr-2026-000123");
    assertThat(result.correlation().executionArn())
        .isEqualTo(
            "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-2026-000123");
    assertThat(result.domain().authMode()).isEqualTo(DomainAuthMode.SSO);
    assertThat(result.domain().domainArn()).isEqualTo(DOMAIN_ARN);
    assertThat(result.domain().status()).isEqualTo("InService");
    assertThat(result.existingProfile()).isNull();
    assertThat(result.nothingToDo()).isFalse();
    assertOnlyReads(sageMaker);
  }

  @Test
  void usesTheExecutionNameAsRequestIdWhenTheRequestHasNone() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    noProfile();
    ValidatedRequest result = service.validate(payload("validate/onboard-minimal.json"));
    assertThat(result.request().requestId()).isEqualTo("console-start-1");
    assertThat(result.correlation().requestId()).isEqualTo("console-start-1");
  }

  @Test
  void rejectsAnInvalidRequestWithoutCallingAws() throws Exception {
    assertThatThrownBy(() -> service.validate(payload("validate/invalid-request.json")))
        .isInstanceOf(ValidationError.class)
        .hasMessageContaining("userProfilename: unknown field (not in the request schema)")
        .hasMessageContaining("jumpStart: must be a boolean, not a string");
    verifyNoInteractions(sageMaker);
  }

  @Test
  void rejectsValueRuleViolationsWithoutCallingAws() throws Exception {
    assertThatThrownBy(
            () ->
                service.validate(
                    json(
                        "{\"request\":{\"action\":\"ONBOARD\",\"domainId\":\"d-a\","
                            + "\"userProfileName\":\"jane_doe\",\"tags\":{\"aws:x\":\"y\"}}}")))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "userProfileName: must fully match [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; "
                + "tags[\"aws:x\"] key: must not start with aws: (reserved by AWS)");
    verifyNoInteractions(sageMaker);
  }

  @Test
  void rejectsUnknownPayloadFieldsWithoutCallingAws() throws Exception {
    assertThatThrownBy(
            () ->
                service.validate(
                    json(
                        "{\"request\":{\"action\":\"OFFBOARD\",\"domainId\":\"d-a\","
                            + "\"userProfileName\":\"u\"},\"executionArm\":\"x\"}")))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("executionArm: unknown field");
    assertThatThrownBy(() -> service.validate(json("{\"executionName\":5}")))
        .hasMessage("executionName: must be a string");
    verifyNoInteractions(sageMaker);
  }

  @Test
  void aMissingDomainIsDomainNotFound() throws Exception {
    when(sageMaker.describeDomain(any(DescribeDomainRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    assertThatThrownBy(() -> service.validate(payload("validate/offboard.json")))
        .isInstanceOf(DomainNotFound.class)
        .hasMessage("domainId: SageMaker domain d-abc123def456 does not exist");
  }

  @Test
  void aDomainNotInServiceIsDomainNotReady() throws Exception {
    domain(AuthMode.IAM, DomainStatus.UPDATING);
    assertThatThrownBy(() -> service.validate(payload("validate/offboard.json")))
        .isInstanceOf(DomainNotReady.class)
        .hasMessage("domainId: SageMaker domain d-abc123def456 is Updating, not InService");
  }

  @Test
  void anSsoDomainNeedsSsoUserNameAndEmailToOnboard() throws Exception {
    domain(AuthMode.SSO, DomainStatus.IN_SERVICE);
    assertThatThrownBy(() -> service.validate(payload("validate/onboard-minimal.json")))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "ssoUserName: is required (domain d-abc123def456 uses IAM Identity Center); "
                + "email: is required (domain d-abc123def456 uses IAM Identity Center)");
  }

  @Test
  void anIamDomainRefusesAnSsoUserName() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    assertThatThrownBy(() -> service.validate(payload("validate/onboard-full.json")))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("ssoUserName: not allowed (domain d-abc123def456 uses IAM");
  }

  @Test
  void onboardingAdoptsAProfileThisWorkflowCreated() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    profile(UserProfileStatus.IN_SERVICE, managedBy());
    ValidatedRequest result = service.validate(payload("validate/onboard-minimal.json"));
    assertThat(result.existingProfile().managedByUs()).isTrue();
    assertThat(result.existingProfile().userProfileArn()).isEqualTo(PROFILE_ARN);
    assertThat(result.existingProfile().executionRoleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe");
    assertThat(result.existingProfile().homeEfsFileSystemUid()).isEqualTo("200005");
    assertThat(result.nothingToDo()).isFalse();
  }

  @Test
  void onboardingOverSomeoneElsesProfileIsAConflict() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    profile(UserProfileStatus.IN_SERVICE, Tag.builder().key("team").value("x").build());
    assertThatThrownBy(() -> service.validate(payload("validate/onboard-minimal.json")))
        .isInstanceOf(ProfileConflict.class)
        .hasMessage(
            "userProfileName: a user profile named jane-doe already exists in domain "
                + "d-abc123def456 and was not created by studio-lifecycle (\"adopt\": true takes it over)");
  }

  @Test
  void onboardingWhileTheProfileIsBeingDeletedByNoRunningOffboardingIsAConflict() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    profile(UserProfileStatus.DELETING, managedBy());
    running();
    assertThatThrownBy(() -> service.validate(payload("validate/onboard-minimal.json")))
        .isInstanceOf(ProfileConflict.class)
        .hasMessageContaining("is being deleted");
  }

  private static final String TERMINATION =
      "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-9";

  /** A running offboarding of jane-doe whose last history event is {@code lastEvent}. */
  private void offboardingRuns(HistoryEvent lastEvent) {
    running(ExecutionListItem.builder().executionArn(TERMINATION).build());
    when(stepFunctions.describeExecution(any(DescribeExecutionRequest.class)))
        .thenReturn(
            DescribeExecutionResponse.builder()
                .input(
                    "{\"action\":\"OFFBOARD\",\"domainId\":\"d-abc123def456\","
                        + "\"userProfileName\":\"jane-doe\"}")
                .build());
    when(stepFunctions.getExecutionHistory(any(GetExecutionHistoryRequest.class)))
        .thenReturn(GetExecutionHistoryResponse.builder().events(lastEvent).build());
  }

  private static HistoryEvent entered(HistoryEventType type, String state) {
    return HistoryEvent.builder()
        .type(type)
        .stateEnteredEventDetails(StateEnteredEventDetails.builder().name(state).build())
        .build();
  }

  @Test
  void anOnboardingOfAPersonWhoseOffboardingIsDeletingWaitsForItToEnd() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    profile(
        UserProfileStatus.IN_SERVICE,
        managedBy(),
        Tag.builder().key(ManagedTags.OFFBOARDING).value("hr-9").build());
    offboardingRuns(entered(HistoryEventType.TASK_STATE_ENTERED, "DeleteUserResources"));

    assertThatThrownBy(() -> service.validate(payload("validate/onboard-minimal.json")))
        .isInstanceOf(CheckAgainIn30Seconds.class)
        .hasMessage(
            "an offboarding of jane-doe is running ("
                + TERMINATION
                + "): the ONBOARD waits for it"
                + " to end");
    assertOnlyReads(sageMaker);
  }

  @Test
  void anOnboardingDuringTheRetentionWaitGoesAheadAndLiftsTheRevoke() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    profile(
        UserProfileStatus.IN_SERVICE,
        managedBy(),
        Tag.builder().key(ManagedTags.OFFBOARDING).value("hr-9").build());
    offboardingRuns(entered(HistoryEventType.WAIT_STATE_ENTERED, "Retain"));

    ValidatedRequest result = service.validate(payload("validate/onboard-minimal.json"));

    assertThat(result.existingProfile().offboardingRequestId()).isEqualTo("hr-9");
    ArgumentCaptor<GetExecutionHistoryRequest> asked =
        ArgumentCaptor.forClass(GetExecutionHistoryRequest.class);
    verify(stepFunctions).getExecutionHistory(asked.capture());
    assertThat(asked.getValue().reverseOrder()).isTrue();
    assertThat(asked.getValue().maxResults()).isEqualTo(1);
  }

  @Test
  void offboardingAMissingProfileHasNothingToDo() throws Exception {
    domain(AuthMode.SSO, DomainStatus.IN_SERVICE);
    noProfile();
    running();
    ValidatedRequest result = service.validate(payload("validate/offboard.json"));
    assertThat(result.nothingToDo()).isTrue();
    assertThat(result.request().offboarding().deleteExecutionRole()).isTrue();
    assertOnlyReads(sageMaker);
  }

  @Test
  void anOffboardingWaitsForARunningOnboardingOfThatPersonInsteadOfSayingNothingToDo()
      throws Exception {
    domain(AuthMode.SSO, DomainStatus.IN_SERVICE);
    noProfile();
    String hire = "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-1";
    running(
        ExecutionListItem.builder().executionArn(hire).build(),
        ExecutionListItem.builder()
            .executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:StudioUserLifecycle:hr-2026-000987")
            .build());
    when(stepFunctions.describeExecution(any(DescribeExecutionRequest.class)))
        .thenReturn(
            DescribeExecutionResponse.builder()
                .input(
                    "{\"action\":\"ONBOARD\",\"domainId\":\"d-abc123def456\","
                        + "\"userProfileName\":\"Jane-Doe\"}")
                .build());

    assertThatThrownBy(() -> service.validate(payload("validate/offboard.json")))
        .isInstanceOf(CheckAgainIn30Seconds.class)
        .hasMessageContaining("an onboarding of jane-doe is running (" + hire + ")");
    ArgumentCaptor<ListExecutionsRequest> listed =
        ArgumentCaptor.forClass(ListExecutionsRequest.class);
    verify(stepFunctions).listExecutions(listed.capture());
    assertThat(listed.getValue().stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:StudioUserLifecycle");
    assertThat(listed.getValue().statusFilter()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void anOffboardingInvokedOutsideTheLifecycleStateMachineAsksStepFunctionsNothing()
      throws Exception {
    domain(AuthMode.SSO, DomainStatus.IN_SERVICE);
    noProfile();
    ObjectNode payload = (ObjectNode) payload("validate/offboard.json");
    payload.put(
        "executionArn",
        "arn:aws:states:us-east-1:123456789012:execution:SomeOtherMachine:hr-2026-000987");

    assertThat(service.validate(payload).nothingToDo()).isTrue();
    verifyNoInteractions(stepFunctions);
  }

  /** The lifecycle's running executions, the validated one among them. */
  private void running(ExecutionListItem... executions) {
    when(stepFunctions.listExecutions(any(ListExecutionsRequest.class)))
        .thenReturn(ListExecutionsResponse.builder().executions(executions).build());
  }

  @Test
  void offboardingAnyExistingProfileProceeds() throws Exception {
    domain(AuthMode.IAM, DomainStatus.IN_SERVICE);
    profile(UserProfileStatus.IN_SERVICE);
    ValidatedRequest result = service.validate(payload("validate/offboard.json"));
    assertThat(result.nothingToDo()).isFalse();
    assertThat(result.existingProfile().managedByUs()).isFalse();
  }
}
