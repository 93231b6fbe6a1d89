package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.ResourceBusy;
import dev.studiolifecycle.model.AccessRestoration;
import dev.studiolifecycle.model.AccessRevocation;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.RestoreAccessInput;
import dev.studiolifecycle.model.RevokeAccessInput;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeleteTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.StudioWebPortal;
import software.amazon.awssdk.services.sagemaker.model.UpdateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

class AccessRevokerTest {

  private static final String PATH = "/studio-lifecycle/";
  private static final String OUR_ROLE =
      "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane";
  private static final String TEAM_ROLE = "arn:aws:iam::123456789012:role/service-role/TeamRole";

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final IamClient iam = mock(IamClient.class);
  private final AccessRevoker revoker = new AccessRevoker(sageMaker, iam, PATH);

  private static RevokeAccessInput input() {
    return new RevokeAccessInput(new Correlation("hr-1", "arn:exec"), "d-abc123def456", "jane");
  }

  private void profile(UserProfileStatus status, String role, StudioWebPortal portal) {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenReturn(
            DescribeUserProfileResponse.builder()
                .userProfileName("jane")
                .status(status)
                .userSettings(
                    UserSettings.builder().executionRole(role).studioWebPortal(portal).build())
                .build());
  }

  private void ourRole() {
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(Role.builder().roleName("studio-jane").path(PATH).arn(OUR_ROLE).build())
                .build());
    when(iam.listRoleTags(any(ListRoleTagsRequest.class)))
        .thenReturn(
            ListRoleTagsResponse.builder()
                .tags(
                    Tag.builder().key("managed-by").value("studio-lifecycle").build(),
                    Tag.builder().key("studio-lifecycle:user-profile").value("Jane").build())
                .build());
  }

  @Test
  void deniesOurRoleEverythingThenDisablesStudio() {
    profile(UserProfileStatus.IN_SERVICE, OUR_ROLE, null);
    ourRole();

    AccessRevocation result = revoker.revoke(input());

    ArgumentCaptor<PutRolePolicyRequest> deny = ArgumentCaptor.forClass(PutRolePolicyRequest.class);
    verify(iam).putRolePolicy(deny.capture());
    assertThat(deny.getValue().roleName()).isEqualTo("studio-jane");
    assertThat(deny.getValue().policyName()).isEqualTo("studio-lifecycle-revoked");
    assertThat(deny.getValue().policyDocument()).contains("\"Effect\":\"Deny\"");
    ArgumentCaptor<UpdateUserProfileRequest> update =
        ArgumentCaptor.forClass(UpdateUserProfileRequest.class);
    verify(sageMaker).updateUserProfile(update.capture());
    assertThat(update.getValue().userSettings().studioWebPortal())
        .isEqualTo(StudioWebPortal.DISABLED);
    assertThat(update.getValue().userSettings().executionRole()).isNull();
    assertThat(result.executionRoleDenied()).isTrue();
    assertThat(result.studioDisabled()).isTrue();
    assertThat(result.notRevoked()).isEmpty();
  }

  @Test
  void aTeamRoleOthersUseIsNeverTouched() {
    profile(UserProfileStatus.IN_SERVICE, TEAM_ROLE, StudioWebPortal.DISABLED);

    AccessRevocation result = revoker.revoke(input());

    verifyNoInteractions(iam);
    verify(sageMaker, never()).updateUserProfile(any(UpdateUserProfileRequest.class));
    assertThat(result.executionRoleDenied()).isFalse();
    assertThat(result.studioDisabled()).as("already disabled").isTrue();
    assertThat(result.notRevoked())
        .singleElement()
        .asString()
        .startsWith("executionRole: " + TEAM_ROLE + " was not created by studio-lifecycle");
  }

  @Test
  void aProfileStillUpdatingIsRetriedAfterItsRoleIsDenied() {
    profile(UserProfileStatus.UPDATING, OUR_ROLE, null);
    ourRole();

    assertThatThrownBy(() -> revoker.revoke(input()))
        .isInstanceOf(ResourceBusy.class)
        .hasMessageContaining("is Updating");
    verify(iam).putRolePolicy(any(PutRolePolicyRequest.class));
  }

  @Test
  void aProfileBeingDeletedIsLeftAndSaid() {
    profile(UserProfileStatus.DELETING, OUR_ROLE, null);
    ourRole();

    AccessRevocation result = revoker.revoke(input());

    verify(sageMaker, never()).updateUserProfile(any(UpdateUserProfileRequest.class));
    assertThat(result.studioDisabled()).isFalse();
    assertThat(result.notRevoked()).singleElement().asString().contains("is Deleting");
  }

  @Test
  void aRestoreLiftsTheDenyEnablesStudioAndRemovesTheOffboardingMark() {
    profile(UserProfileStatus.IN_SERVICE, OUR_ROLE, StudioWebPortal.DISABLED);
    ourRole();
    when(sageMaker.listTags(any(ListTagsRequest.class)))
        .thenReturn(
            ListTagsResponse.builder()
                .tags(
                    software.amazon.awssdk.services.sagemaker.model.Tag.builder()
                        .key("studio-lifecycle:offboarding")
                        .value("hr-2026-000417")
                        .build())
                .build());

    AccessRestoration result =
        revoker.restore(new RestoreAccessInput(new Correlation("hr-2", null), "d-a", "jane"));

    ArgumentCaptor<DeleteRolePolicyRequest> lifted =
        ArgumentCaptor.forClass(DeleteRolePolicyRequest.class);
    verify(iam).deleteRolePolicy(lifted.capture());
    assertThat(lifted.getValue().policyName()).isEqualTo("studio-lifecycle-revoked");
    ArgumentCaptor<UpdateUserProfileRequest> update =
        ArgumentCaptor.forClass(UpdateUserProfileRequest.class);
    verify(sageMaker).updateUserProfile(update.capture());
    assertThat(update.getValue().userSettings().studioWebPortal())
        .isEqualTo(StudioWebPortal.ENABLED);
    ArgumentCaptor<DeleteTagsRequest> untag = ArgumentCaptor.forClass(DeleteTagsRequest.class);
    verify(sageMaker).deleteTags(untag.capture());
    assertThat(untag.getValue().tagKeys()).containsExactly("studio-lifecycle:offboarding");
    assertThat(result.cancelledOffboarding()).isEqualTo("hr-2026-000417");
    assertThat(result.executionRoleRestored()).isTrue();
    assertThat(result.studioEnabled()).isTrue();
  }
}
