package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.DeleteExecutionRoleInput;
import dev.studiolifecycle.model.DeleteExecutionRoleResult;
import dev.studiolifecycle.model.RoleDeletionOutcome;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.IamTags;
import dev.studiolifecycle.testing.SageMakerCalls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListUserProfilesResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileDetails;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

class ExecutionRoleDeleterTest {

  private static final String ROLE_ARN =
      "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe";
  private static final String FULL = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";

  private final IamClient iam = mock(IamClient.class);
  private final SageMakerClient sageMaker = noProfiles(mock(SageMakerClient.class));
  private final ExecutionRoleDeleter deleter =
      new ExecutionRoleDeleter(iam, sageMaker, "/studio-lifecycle/");

  /** A region whose domains hold {@code profiles} (ListUserProfiles' summaries), one page. */
  private static SageMakerClient noProfiles(SageMakerClient sageMaker, UserProfileDetails... in) {
    when(sageMaker.listUserProfiles(any(ListUserProfilesRequest.class)))
        .thenReturn(ListUserProfilesResponse.builder().userProfiles(in).build());
    return sageMaker;
  }

  private void profileUsing(String domainId, String name, String roleArn) {
    when(sageMaker.describeUserProfile(
            DescribeUserProfileRequest.builder().domainId(domainId).userProfileName(name).build()))
        .thenReturn(
            DescribeUserProfileResponse.builder()
                .domainId(domainId)
                .userProfileName(name)
                .userSettings(UserSettings.builder().executionRole(roleArn).build())
                .build());
  }

  private static UserProfileDetails listed(String domainId, String name, UserProfileStatus status) {
    return UserProfileDetails.builder()
        .domainId(domainId)
        .userProfileName(name)
        .status(status)
        .build();
  }

  @Test
  void keepsTheRoleWhileAProfileOfTheUserInAnotherDomainStillUsesIt() {
    role("/studio-lifecycle/", ours());
    noProfiles(
        sageMaker,
        listed("d-other", "Jane-Doe", UserProfileStatus.IN_SERVICE),
        listed("d-third", "jane-doe", UserProfileStatus.IN_SERVICE),
        listed("d-fourth", "jane-doe", UserProfileStatus.DELETING),
        listed("d-other", "john-roe", UserProfileStatus.IN_SERVICE));
    profileUsing("d-other", "Jane-Doe", ROLE_ARN.replace("studio-jane-doe", "STUDIO-JANE-DOE"));
    profileUsing("d-third", "jane-doe", "arn:aws:iam::123456789012:role/another-role");

    DeleteExecutionRoleResult result = deleter.delete(input("jane-doe"));

    assertThat(result.outcome()).isEqualTo(RoleDeletionOutcome.IN_USE);
    assertThat(result.usedBy()).containsExactly("d-other/Jane-Doe");
    assertThat(result.detachedPolicyArns()).isEmpty();
    SageMakerCalls.assertOnlyReads(iam);
    // Another person's profile and a profile being deleted are not even described.
    verify(sageMaker, times(2)).describeUserProfile(any(DescribeUserProfileRequest.class));
  }

  @Test
  void theProfileOfTheOffboardedOrUndoneDomainDoesNotKeepTheRole() {
    role("/studio-lifecycle/", ours());
    // Compensation: the profile this run created is still Pending and could not be deleted yet.
    noProfiles(sageMaker, listed("d-own", "jane-doe", UserProfileStatus.PENDING));
    profileUsing("d-own", "jane-doe", ROLE_ARN);

    DeleteExecutionRoleResult result =
        deleter.delete(
            new DeleteExecutionRoleInput(
                new Correlation("hr-1", null), ROLE_ARN, "jane-doe", null, "d-own"));

    assertThat(result.outcome()).isEqualTo(RoleDeletionOutcome.DELETED);
    verify(sageMaker, never()).describeUserProfile(any(DescribeUserProfileRequest.class));
  }

  @Test
  void aDomainIdThatIsNotOneIsRefusedByName() {
    assertThatThrownBy(
            () ->
                deleter.delete(
                    new DeleteExecutionRoleInput(
                        new Correlation("hr-1", null), ROLE_ARN, "jane-doe", null, "studio")))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("domainId: must fully match");
    verifyNoInteractions(iam, sageMaker);
  }

  @Test
  void deletesTheRoleWhenTheUsersOtherProfilesUseOtherRoles() {
    role("/studio-lifecycle/", ours());
    noProfiles(sageMaker, listed("d-third", "jane-doe", UserProfileStatus.IN_SERVICE));
    profileUsing("d-third", "jane-doe", "arn:aws:iam::123456789012:role/another-role");

    assertThat(deleter.delete(input("jane-doe")).outcome()).isEqualTo(RoleDeletionOutcome.DELETED);
    verify(iam).deleteRole(any(DeleteRoleRequest.class));
  }

  private static DeleteExecutionRoleInput input(String user) {
    return new DeleteExecutionRoleInput(new Correlation("hr-1", null), ROLE_ARN, user);
  }

  private void role(String path, Map<String, String> tags) {
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(Role.builder().roleName("studio-jane-doe").arn(ROLE_ARN).path(path).build())
                .build());
    when(iam.listRoleTags(any(ListRoleTagsRequest.class))).thenReturn(IamTags.listed(tags));
    when(iam.listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class)))
        .thenReturn(
            ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(AttachedPolicy.builder().policyArn(FULL).build())
                .build());
    when(iam.listRolePolicies(any(ListRolePoliciesRequest.class)))
        .thenReturn(
            ListRolePoliciesResponse.builder().policyNames("studio-lifecycle-s3-access").build());
  }

  private static Map<String, String> ours() {
    return Map.of("managed-by", "studio-lifecycle", "studio-lifecycle:user-profile", "jane-doe");
  }

  @Test
  void detachesDeletesInlinePoliciesAndDeletesTheRole() {
    role("/studio-lifecycle/", ours());
    DeleteExecutionRoleResult result = deleter.delete(input("jane-doe"));
    assertThat(result)
        .isEqualTo(
            new DeleteExecutionRoleResult(
                ROLE_ARN,
                "studio-jane-doe",
                RoleDeletionOutcome.DELETED,
                List.of(FULL),
                List.of("studio-lifecycle-s3-access"),
                List.of()));
    ArgumentCaptor<DetachRolePolicyRequest> detached =
        ArgumentCaptor.forClass(DetachRolePolicyRequest.class);
    verify(iam).detachRolePolicy(detached.capture());
    assertThat(detached.getValue().policyArn()).isEqualTo(FULL);
    ArgumentCaptor<DeleteRolePolicyRequest> inline =
        ArgumentCaptor.forClass(DeleteRolePolicyRequest.class);
    verify(iam).deleteRolePolicy(inline.capture());
    assertThat(inline.getValue().policyName()).isEqualTo("studio-lifecycle-s3-access");
    ArgumentCaptor<DeleteRoleRequest> deleted = ArgumentCaptor.forClass(DeleteRoleRequest.class);
    verify(iam).deleteRole(deleted.capture());
    assertThat(deleted.getValue().roleName()).isEqualTo("studio-jane-doe");
  }

  @Test
  void leavesAnotherUsersRoleUntouched() {
    role("/studio-lifecycle/", ours());
    assertThat(deleter.delete(input("john-roe")).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_MANAGED);
    SageMakerCalls.assertOnlyReads(iam);
  }

  @Test
  void leavesUnmanagedRolesAndRolesOutsideThePathUntouched() {
    role("/studio-lifecycle/", Map.of("studio-lifecycle:user-profile", "jane-doe"));
    assertThat(deleter.delete(input("jane-doe")).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_MANAGED);
    IamClient other = mock(IamClient.class);
    ExecutionRoleDeleter otherDeleter =
        new ExecutionRoleDeleter(other, sageMaker, "/studio-lifecycle/");
    when(other.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(Role.builder().roleName("studio-jane-doe").arn(ROLE_ARN).path("/").build())
                .build());
    when(other.listRoleTags(any(ListRoleTagsRequest.class)))
        .thenReturn(
            ListRoleTagsResponse.builder()
                .tags(
                    Tag.builder().key("managed-by").value("studio-lifecycle").build(),
                    Tag.builder().key("studio-lifecycle:user-profile").value("jane-doe").build())
                .build());
    assertThat(otherDeleter.delete(input("jane-doe")).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_MANAGED);
    SageMakerCalls.assertOnlyReads(iam);
    SageMakerCalls.assertOnlyReads(other);
  }

  @Test
  void roleWhoseArnIsOutsideThePathIsNotManagedWithoutAnyIamCall() {
    DeleteExecutionRoleResult result =
        deleter.delete(
            new DeleteExecutionRoleInput(
                new Correlation("hr-1", null),
                "arn:aws:iam::123456789012:role/service-role/SageMakerTeamRole",
                "jane-doe"));

    assertThat(result.outcome()).isEqualTo(RoleDeletionOutcome.NOT_MANAGED);
    assertThat(result.roleName()).isEqualTo("SageMakerTeamRole");
    verifyNoInteractions(iam);
  }

  @Test
  void aMissingRoleIsDone() {
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    assertThat(deleter.delete(input("jane-doe")).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_FOUND);
  }

  /** IAM authorizes GetRole of a gone role against its path-less ARN, outside our grant. */
  @Test
  void aRoleUnderThePathThatIamWillNotReadIsGone() {
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.iam("AccessDenied", 403));
    assertThat(deleter.delete(input("jane-doe")).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_FOUND);
    verify(iam, never()).deleteRole(any(DeleteRoleRequest.class));
  }

  @Test
  void otherIamErrorsOnTheLookAreNotTakenForAGoneRole() {
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.iam("ServiceFailure", 500));
    assertThatThrownBy(() -> deleter.delete(input("jane-doe"))).isInstanceOf(IamException.class);
  }

  @Test
  void aRoleThatDisappearsMidwayIsDone() {
    role("/studio-lifecycle/", ours());
    when(iam.detachRolePolicy(any(DetachRolePolicyRequest.class)))
        .thenThrow(AwsErrors.noSuchEntity());
    when(iam.deleteRolePolicy(any(DeleteRolePolicyRequest.class)))
        .thenThrow(AwsErrors.noSuchEntity());
    when(iam.deleteRole(any(DeleteRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    assertThat(deleter.delete(input("jane-doe")).outcome())
        .isEqualTo(RoleDeletionOutcome.NOT_FOUND);
    verify(iam, times(1)).deleteRole(any(DeleteRoleRequest.class));
  }

  @Test
  void aDeleteConflictIsRetryable() {
    role("/studio-lifecycle/", ours());
    when(iam.deleteRole(any(DeleteRoleRequest.class))).thenThrow(AwsErrors.deleteConflict());
    assertThatThrownBy(() -> deleter.delete(input("jane-doe"))).isInstanceOf(ResourceBusy.class);
  }

  private static DeleteExecutionRoleInput undoOfRequest(String requestId) {
    return new DeleteExecutionRoleInput(
        new Correlation(requestId, null), null, "jane-doe", requestId, "d-abc123def456");
  }

  private static Map<String, String> createdBy(String requestId) {
    return Map.of(
        "managed-by", "studio-lifecycle",
        "studio-lifecycle:user-profile", "jane-doe",
        "studio-lifecycle:request-id", requestId);
  }

  @Test
  void undoOfARequestDeletesTheUsersRoleThatRequestCreated() {
    role("/studio-lifecycle/", createdBy("hr-7"));
    DeleteExecutionRoleResult result = deleter.delete(undoOfRequest("hr-7"));
    assertThat(result.outcome()).isEqualTo(RoleDeletionOutcome.DELETED);
    assertThat(result.roleArn()).isEqualTo(ROLE_ARN);
    ArgumentCaptor<GetRoleRequest> looked = ArgumentCaptor.forClass(GetRoleRequest.class);
    verify(iam).getRole(looked.capture());
    assertThat(looked.getValue().roleName()).isEqualTo("studio-jane-doe-abc123def456");
    verify(iam).deleteRole(any(DeleteRoleRequest.class));
  }

  @Test
  void undoOfARequestLeavesARoleAnotherRequestCreatedUntouched() {
    role("/studio-lifecycle/", createdBy("hr-6"));
    DeleteExecutionRoleResult result = deleter.delete(undoOfRequest("hr-7"));
    assertThat(result.outcome()).isEqualTo(RoleDeletionOutcome.NOT_MANAGED);
    SageMakerCalls.assertOnlyReads(iam);
  }

  @Test
  void undoOfARequestNeedsTheDomainItsRoleIsNamedAfter() {
    assertThatThrownBy(
            () ->
                deleter.delete(
                    new DeleteExecutionRoleInput(
                        new Correlation("hr-7", null), null, "jane-doe", "hr-7", null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("domainId: is required with createdByRequestId (the role's name carries it)");
    verifyNoInteractions(iam);
  }

  @Test
  void undoOfARequestWhoseRoleNeverCameIsDone() {
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.iam("AccessDenied", 403));
    DeleteExecutionRoleResult result = deleter.delete(undoOfRequest("hr-7"));
    assertThat(result.outcome()).isEqualTo(RoleDeletionOutcome.NOT_FOUND);
    assertThat(result.roleName()).isEqualTo("studio-jane-doe-abc123def456");
    verify(iam, never()).deleteRole(any(DeleteRoleRequest.class));
  }

  @Test
  void namesEitherTheRoleOrTheRequestWhoseRoleToUndo() {
    assertThatThrownBy(
            () -> deleter.delete(new DeleteExecutionRoleInput(null, null, "jane-doe", null)))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("roleArn: is required");
    assertThatThrownBy(
            () -> deleter.delete(new DeleteExecutionRoleInput(null, ROLE_ARN, "jane-doe", "hr-7")))
        .isInstanceOf(ValidationError.class)
        .hasMessage("createdByRequestId: must not be given with roleArn");
    verifyNoInteractions(iam);
  }

  @Test
  void requiresAValidRoleArnAndUser() {
    assertThatThrownBy(
            () -> deleter.delete(new DeleteExecutionRoleInput(null, "studio-jane-doe", null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("userProfileName: is required");
    assertThatThrownBy(
            () -> deleter.delete(new DeleteExecutionRoleInput(null, "studio-jane-doe", "jane-doe")))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith("roleArn: must fully match");
    verifyNoInteractions(iam);
  }
}
