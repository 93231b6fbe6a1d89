package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.testing.AwsErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;

class IamRolesTest {

  private final IamClient iam = mock(IamClient.class);
  private final IamRoles roles = new IamRoles(iam);

  @Test
  void aMissingRoleIsEmpty() {
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    assertThat(roles.role("x")).isEmpty();
  }

  @Test
  void readsTagsAcrossMarkerPages() {
    when(iam.listRoleTags(any(ListRoleTagsRequest.class)))
        .thenReturn(
            ListRoleTagsResponse.builder()
                .tags(Tag.builder().key("a").value("1").build())
                .isTruncated(true)
                .marker("m2")
                .build())
        .thenReturn(
            ListRoleTagsResponse.builder()
                .tags(Tag.builder().key("b").value("2").build())
                .isTruncated(false)
                .build());
    assertThat(roles.tags("r")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    ArgumentCaptor<ListRoleTagsRequest> sent = ArgumentCaptor.forClass(ListRoleTagsRequest.class);
    verify(iam, times(2)).listRoleTags(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(ListRoleTagsRequest::marker)
        .containsExactly(null, "m2");
  }

  @Test
  void readsAttachedAndInlinePoliciesAcrossPages() {
    when(iam.listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class)))
        .thenReturn(
            ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(AttachedPolicy.builder().policyArn("p1").build())
                .isTruncated(true)
                .marker("m")
                .build())
        .thenReturn(
            ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(AttachedPolicy.builder().policyArn("p2").build())
                .build());
    when(iam.listRolePolicies(any(ListRolePoliciesRequest.class)))
        .thenReturn(
            ListRolePoliciesResponse.builder()
                .policyNames("i1")
                .isTruncated(true)
                .marker("m")
                .build())
        .thenReturn(ListRolePoliciesResponse.builder().policyNames("i2").build());
    assertThat(roles.attachedPolicyArns("r")).containsExactly("p1", "p2");
    assertThat(roles.inlinePolicyNames("r")).containsExactly("i1", "i2");
  }
}
