package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.studiolifecycle.error.ExecutionRoleConflict;
import dev.studiolifecycle.error.ExecutionRoleUnusable;
import dev.studiolifecycle.error.ValidationError;
import dev.studiolifecycle.model.CanvasSettings;
import dev.studiolifecycle.model.Correlation;
import dev.studiolifecycle.model.CreateExecutionRoleInput;
import dev.studiolifecycle.model.ExecutionRoleResult;
import dev.studiolifecycle.model.LifecycleRequest;
import dev.studiolifecycle.model.TimeSeriesForecasting;
import dev.studiolifecycle.service.config.ExecutionRoleSettings;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.IamTags;
import dev.studiolifecycle.testing.RequestBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;

class ExecutionRoleProvisionerTest {

  private static final String FULL = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
  private static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
  private static final String CANVAS = "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess";
  private static final String CANVAS_AI =
      "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess";
  private static final String FORECAST =
      "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess";
  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/StudioBoundary";
  private static final String ROLE_ARN =
      "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe-abc123def456";

  private final IamClient iam = mock(IamClient.class);
  private final ExecutionRoleSettings settings =
      new ExecutionRoleSettings(
          "/studio-lifecycle/",
          BOUNDARY,
          "123456789012",
          "aws",
          List.of(FULL),
          List.of(FULL, S3_READ, CANVAS, CANVAS_AI, FORECAST));
  private final ExecutionRoleProvisioner provisioner = new ExecutionRoleProvisioner(iam, settings);

  private static CreateExecutionRoleInput input(LifecycleRequest request) {
    return new CreateExecutionRoleInput(new Correlation("hr-2026-000123", "arn:exec"), request);
  }

  /** A request whose user's profile already uses the role this workflow made for the user. */
  private static CreateExecutionRoleInput replay(LifecycleRequest request) {
    return new CreateExecutionRoleInput(
        new Correlation("hr-2026-000123", "arn:exec"), request, ROLE_ARN);
  }

  private static Role role(String trust, Map<String, String> tags, String path, String boundary) {
    Role.Builder role =
        Role.builder()
            .roleName("studio-jane-doe-abc123def456")
            .arn(ROLE_ARN)
            .path(path)
            .assumeRolePolicyDocument(trust)
            .tags(IamTags.of(tags));
    if (boundary != null) {
      role.permissionsBoundary(
          AttachedPermissionsBoundary.builder().permissionsBoundaryArn(boundary).build());
    }
    return role.build();
  }

  private void existing(Role role, Map<String, String> tags, String... attached) {
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(GetRoleResponse.builder().role(role).build());
    when(iam.getRolePolicy(any(GetRolePolicyRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    when(iam.listRoleTags(any(ListRoleTagsRequest.class))).thenReturn(IamTags.listed(tags));
    when(iam.listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class)))
        .thenReturn(
            ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(
                    Arrays.stream(attached)
                        .map(a -> AttachedPolicy.builder().policyArn(a).build())
                        .toList())
                .build());
  }

  private static String encoded(String policy) {
    return URLEncoder.encode(policy, StandardCharsets.UTF_8);
  }

  private static Map<String, String> ours(String requestId) {
    return Map.of(
        "managed-by", "studio-lifecycle",
        "studio-lifecycle:request-id", requestId,
        "studio-lifecycle:user-profile", "jane-doe");
  }

  @Test
  void createsARoleOfTheUsersOwnWithBoundaryTrustTagsAndPolicies() {
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder()
                .role(Role.builder().roleName("studio-jane-doe-abc123def456").arn(ROLE_ARN).build())
                .build());
    ExecutionRoleResult result =
        provisioner.provision(
            input(
                RequestBuilder.onboard()
                    .newRole(List.of("ml-team-datasets"), List.of(S3_READ))
                    .build()));

    ArgumentCaptor<CreateRoleRequest> created = ArgumentCaptor.forClass(CreateRoleRequest.class);
    verify(iam).createRole(created.capture());
    CreateRoleRequest role = created.getValue();
    assertThat(role.roleName()).isEqualTo("studio-jane-doe-abc123def456");
    assertThat(role.path()).isEqualTo("/studio-lifecycle/");
    assertThat(role.permissionsBoundary()).isEqualTo(BOUNDARY);
    assertThat(role.assumeRolePolicyDocument())
        .isEqualTo(ExecutionRolePolicy.trustPolicy("123456789012", false))
        .contains("\"aws:SourceAccount\":\"123456789012\"");
    assertThat(role.tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(
            tuple("managed-by", "studio-lifecycle"),
            tuple("studio-lifecycle:request-id", "hr-2026-000123"),
            tuple("studio-lifecycle:user-profile", "jane-doe"));

    ArgumentCaptor<AttachRolePolicyRequest> attached =
        ArgumentCaptor.forClass(AttachRolePolicyRequest.class);
    verify(iam, times(2)).attachRolePolicy(attached.capture());
    assertThat(attached.getAllValues())
        .extracting(AttachRolePolicyRequest::policyArn)
        .containsExactly(FULL, S3_READ);

    ArgumentCaptor<PutRolePolicyRequest> inline =
        ArgumentCaptor.forClass(PutRolePolicyRequest.class);
    verify(iam).putRolePolicy(inline.capture());
    assertThat(inline.getValue().policyName()).isEqualTo("studio-lifecycle-s3-access");
    assertThat(inline.getValue().policyDocument())
        .isEqualTo(ExecutionRolePolicy.s3AccessPolicy("aws", List.of("ml-team-datasets")));

    assertThat(result)
        .isEqualTo(
            new ExecutionRoleResult(
                ROLE_ARN, "studio-jane-doe-abc123def456", true, false, List.of(FULL, S3_READ)));
  }

  @Test
  void putsNoInlinePolicyWithoutBuckets() {
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder().role(Role.builder().arn(ROLE_ARN).build()).build());
    provisioner.provision(input(RequestBuilder.onboard().build()));
    verify(iam, never()).putRolePolicy(any(PutRolePolicyRequest.class));
    verify(iam).attachRolePolicy(any(AttachRolePolicyRequest.class));
  }

  @Test
  void canvasBasePermissionsAndForecastingAttachTheirPoliciesAndTrustForecast() {
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder().role(Role.builder().arn(ROLE_ARN).build()).build());
    ExecutionRoleResult result =
        provisioner.provision(
            input(
                RequestBuilder.onboard()
                    .canvas(new CanvasSettings(true, new TimeSeriesForecasting(true, null)))
                    .build()));
    ArgumentCaptor<CreateRoleRequest> created = ArgumentCaptor.forClass(CreateRoleRequest.class);
    verify(iam).createRole(created.capture());
    assertThat(
            ExecutionRolePolicy.trusts(
                created.getValue().assumeRolePolicyDocument(), "forecast.amazonaws.com"))
        .isTrue();
    assertThat(result.attachedPolicyArns()).containsExactly(FULL, CANVAS, CANVAS_AI, FORECAST);
  }

  @Test
  void aGivenForecastRoleNeedsNoForecastPolicyOrTrust() {
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder().role(Role.builder().arn(ROLE_ARN).build()).build());
    ExecutionRoleResult result =
        provisioner.provision(
            input(
                RequestBuilder.onboard()
                    .canvas(
                        new CanvasSettings(
                            false,
                            new TimeSeriesForecasting(
                                true, "arn:aws:iam::123456789012:role/Forecast")))
                    .build()));
    ArgumentCaptor<CreateRoleRequest> created = ArgumentCaptor.forClass(CreateRoleRequest.class);
    verify(iam).createRole(created.capture());
    assertThat(
            ExecutionRolePolicy.trusts(
                created.getValue().assumeRolePolicyDocument(), "forecast.amazonaws.com"))
        .isFalse();
    assertThat(result.attachedPolicyArns()).containsExactly(FULL);
  }

  @Test
  void refusesPoliciesOutsideTheAllowListBeforeCreatingAnything() {
    assertThatThrownBy(
            () ->
                provisioner.provision(
                    input(
                        RequestBuilder.onboard()
                            .newRole(
                                List.of(),
                                List.of(S3_READ, "arn:aws:iam::aws:policy/AdministratorAccess"))
                            .build())))
        .isInstanceOf(ValidationError.class)
        .hasMessage(
            "executionRole.create.managedPolicyArns[1]: arn:aws:iam::aws:policy/AdministratorAccess"
                + " is not on the allow-list (ALLOWED_POLICY_ARNS)");
    verifyNoInteractions(iam);
  }

  @Test
  void refusesCanvasWhenItsPoliciesAreNotAllowed() {
    ExecutionRoleProvisioner strict =
        new ExecutionRoleProvisioner(
            iam,
            new ExecutionRoleSettings(
                "/studio-lifecycle/",
                BOUNDARY,
                "123456789012",
                "aws",
                List.of(FULL),
                List.of(FULL)));
    assertThatThrownBy(
            () ->
                strict.provision(
                    input(RequestBuilder.onboard().canvas(new CanvasSettings(true, null)).build())))
        .isInstanceOf(ValidationError.class)
        .hasMessageStartingWith(
            "canvas.basePermissions: needs " + CANVAS + ", which is not on the allow-list");
    verifyNoInteractions(iam);
  }

  @Test
  void usesAnExistingRoleThatTrustsSageMaker() {
    String trust =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Princip"
            + "al\":{\"Service\":\"sagemaker.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    String arn = "arn:aws:iam::123456789012:role/service-role/TeamRole";
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(
                    Role.builder()
                        .roleName("TeamRole")
                        .arn(arn)
                        .assumeRolePolicyDocument(encoded(trust))
                        .build())
                .build());
    ExecutionRoleResult result =
        provisioner.provision(input(RequestBuilder.onboard().existingRole(arn).build()));
    assertThat(result).isEqualTo(new ExecutionRoleResult(arn, "TeamRole", false, false, List.of()));
    ArgumentCaptor<GetRoleRequest> asked = ArgumentCaptor.forClass(GetRoleRequest.class);
    verify(iam).getRole(asked.capture());
    assertThat(asked.getValue().roleName()).isEqualTo("TeamRole");
    verify(iam, never()).createRole(any(CreateRoleRequest.class));
  }

  @Test
  void refusesAnExistingRoleThatIsMissingOrDoesNotTrustSageMaker() {
    String arn = "arn:aws:iam::123456789012:role/TeamRole";
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    assertThatThrownBy(
            () -> provisioner.provision(input(RequestBuilder.onboard().existingRole(arn).build())))
        .isInstanceOf(ExecutionRoleUnusable.class)
        .hasMessage("executionRole.arn: role " + arn + " does not exist");

    IamClient other = mock(IamClient.class);
    when(other.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(
                    Role.builder()
                        .roleName("TeamRole")
                        .arn(arn)
                        .assumeRolePolicyDocument(
                            encoded(
                                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                                    + "{\"Service\":\"ec2.amazonaws.com\""
                                    + "},\"Action\":\"sts:AssumeRole\"}]}"))
                        .build())
                .build());
    assertThatThrownBy(
            () ->
                new ExecutionRoleProvisioner(other, settings)
                    .provision(input(RequestBuilder.onboard().existingRole(arn).build())))
        .isInstanceOf(ExecutionRoleUnusable.class)
        .hasMessageContaining("does not allow sagemaker.amazonaws.com to call sts:AssumeRole");
  }

  @Test
  void adoptsAndConvergesTheRoleItCreatedEarlierForTheSameUser() {
    when(iam.createRole(any(CreateRoleRequest.class))).thenThrow(AwsErrors.entityAlreadyExists());
    String sageMakerOnly = encoded(ExecutionRolePolicy.trustPolicy("123456789012", false));
    existing(
        role(sageMakerOnly, Map.of(), "/studio-lifecycle/", null), ours("hr-2026-000123"), FULL);

    ExecutionRoleResult result =
        provisioner.provision(
            input(
                RequestBuilder.onboard()
                    .newRole(List.of("b1"), List.of(S3_READ))
                    .canvas(new CanvasSettings(false, new TimeSeriesForecasting(true, null)))
                    .build()));

    ArgumentCaptor<AttachRolePolicyRequest> attached =
        ArgumentCaptor.forClass(AttachRolePolicyRequest.class);
    verify(iam, times(2)).attachRolePolicy(attached.capture());
    assertThat(attached.getAllValues())
        .extracting(AttachRolePolicyRequest::policyArn)
        .containsExactly(S3_READ, FORECAST);
    ArgumentCaptor<UpdateAssumeRolePolicyRequest> trust =
        ArgumentCaptor.forClass(UpdateAssumeRolePolicyRequest.class);
    verify(iam).updateAssumeRolePolicy(trust.capture());
    assertThat(trust.getValue().policyDocument())
        .isEqualTo(ExecutionRolePolicy.trustPolicy("123456789012", true));
    ArgumentCaptor<PutRolePermissionsBoundaryRequest> boundary =
        ArgumentCaptor.forClass(PutRolePermissionsBoundaryRequest.class);
    verify(iam).putRolePermissionsBoundary(boundary.capture());
    assertThat(boundary.getValue().permissionsBoundary()).isEqualTo(BOUNDARY);
    verify(iam).putRolePolicy(any(PutRolePolicyRequest.class));
    assertThat(result.adopted()).isTrue();
    assertThat(result.createdByThisRun()).as("same request id: a replay of this run").isTrue();
    assertThat(result.attachedPolicyArns()).containsExactly(FULL, S3_READ, FORECAST);
  }

  @Test
  void aReplayOfARoleAlreadyAsRequestedChangesNothing() {
    String trust = encoded(ExecutionRolePolicy.trustPolicy("123456789012", false));
    existing(
        role(trust, Map.of(), "/studio-lifecycle/", BOUNDARY),
        ours("hr-2026-000123"),
        FULL,
        S3_READ);
    when(iam.getRolePolicy(any(GetRolePolicyRequest.class)))
        .thenReturn(
            GetRolePolicyResponse.builder()
                .policyDocument(encoded(ExecutionRolePolicy.s3AccessPolicy("aws", List.of("b1"))))
                .build());

    ExecutionRoleResult result =
        provisioner.provision(
            replay(RequestBuilder.onboard().newRole(List.of("b1"), List.of(S3_READ)).build()));

    assertThat(result.adopted()).isTrue();
    assertThat(result.createdByThisRun()).isTrue();
    verify(iam, never()).createRole(any(CreateRoleRequest.class));
    verify(iam, never()).attachRolePolicy(any(AttachRolePolicyRequest.class));
    verify(iam, never()).putRolePolicy(any(PutRolePolicyRequest.class));
    verify(iam, never()).updateAssumeRolePolicy(any(UpdateAssumeRolePolicyRequest.class));
    verify(iam, never()).putRolePermissionsBoundary(any(PutRolePermissionsBoundaryRequest.class));
  }

  @Test
  void anInlinePolicyForOtherBucketsIsRewritten() {
    String trust = encoded(ExecutionRolePolicy.trustPolicy("123456789012", false));
    existing(role(trust, Map.of(), "/studio-lifecycle/", BOUNDARY), ours("hr-2026-000123"), FULL);
    when(iam.getRolePolicy(any(GetRolePolicyRequest.class)))
        .thenReturn(
            GetRolePolicyResponse.builder()
                .policyDocument(encoded(ExecutionRolePolicy.s3AccessPolicy("aws", List.of("old"))))
                .build());

    provisioner.provision(
        replay(RequestBuilder.onboard().newRole(List.of("b1"), List.of()).build()));

    ArgumentCaptor<PutRolePolicyRequest> inline =
        ArgumentCaptor.forClass(PutRolePolicyRequest.class);
    verify(iam).putRolePolicy(inline.capture());
    assertThat(inline.getValue().policyDocument())
        .isEqualTo(ExecutionRolePolicy.s3AccessPolicy("aws", List.of("b1")));
  }

  @Test
  void aCurrentRoleThatIsGoneIsCreatedAgain() {
    when(iam.getRole(any(GetRoleRequest.class))).thenThrow(AwsErrors.noSuchEntity());
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder()
                .role(Role.builder().roleName("studio-jane-doe-abc123def456").arn(ROLE_ARN).build())
                .build());

    ExecutionRoleResult result = provisioner.provision(replay(RequestBuilder.onboard().build()));

    verify(iam).createRole(any(CreateRoleRequest.class));
    assertThat(result.createdByThisRun()).isTrue();
    assertThat(result.adopted()).isFalse();
  }

  @Test
  void aProfileUsingAnotherRoleLeadsToNoLookUp() {
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder()
                .role(Role.builder().roleName("studio-jane-doe-abc123def456").arn(ROLE_ARN).build())
                .build());

    provisioner.provision(
        new CreateExecutionRoleInput(
            new Correlation("hr-2026-000123", "arn:exec"),
            RequestBuilder.onboard().build(),
            "arn:aws:iam::123456789012:role/service-role/SageMakerTeamRole"));

    verify(iam, never()).getRole(any(GetRoleRequest.class));
    verify(iam).createRole(any(CreateRoleRequest.class));
  }

  @Test
  void adoptingARoleOfAnEarlierRequestIsNotCreatedByThisRun() {
    when(iam.createRole(any(CreateRoleRequest.class))).thenThrow(AwsErrors.entityAlreadyExists());
    String trust = encoded(ExecutionRolePolicy.trustPolicy("123456789012", false));
    existing(role(trust, Map.of(), "/studio-lifecycle/", BOUNDARY), ours("hr-2025-000001"), FULL);
    ExecutionRoleResult result = provisioner.provision(input(RequestBuilder.onboard().build()));
    assertThat(result.adopted()).isTrue();
    assertThat(result.createdByThisRun()).isFalse();
    verify(iam, never()).attachRolePolicy(any(AttachRolePolicyRequest.class));
    verify(iam, never()).updateAssumeRolePolicy(any(UpdateAssumeRolePolicyRequest.class));
    verify(iam, never()).putRolePermissionsBoundary(any(PutRolePermissionsBoundaryRequest.class));
  }

  @Test
  void aRoleOfAnotherOwnerOrUserIsAConflict() {
    when(iam.createRole(any(CreateRoleRequest.class))).thenThrow(AwsErrors.entityAlreadyExists());
    String trust = encoded(ExecutionRolePolicy.trustPolicy("123456789012", false));
    existing(
        role(trust, Map.of(), "/studio-lifecycle/", BOUNDARY),
        Map.of("managed-by", "studio-lifecycle", "studio-lifecycle:user-profile", "someone-else"));
    assertThatThrownBy(() -> provisioner.provision(input(RequestBuilder.onboard().build())))
        .isInstanceOf(ExecutionRoleConflict.class)
        .hasMessage(
            "executionRole: role studio-jane-doe-abc123def456 already exists and was not created by"
                + " studio-lifecycle for user profile jane-doe");
    verify(iam, never()).attachRolePolicy(any(AttachRolePolicyRequest.class));
  }

  @Test
  void aRoleOutsideTheRolePathIsAConflict() {
    when(iam.createRole(any(CreateRoleRequest.class))).thenThrow(AwsErrors.entityAlreadyExists());
    String trust = encoded(ExecutionRolePolicy.trustPolicy("123456789012", false));
    existing(role(trust, Map.of(), "/", BOUNDARY), ours("hr-2026-000123"));
    assertThatThrownBy(() -> provisioner.provision(input(RequestBuilder.onboard().build())))
        .isInstanceOf(ExecutionRoleConflict.class);
  }

  @Test
  void requiresTheRequest() {
    assertThatThrownBy(() -> provisioner.provision(new CreateExecutionRoleInput(null, null)))
        .isInstanceOf(ValidationError.class)
        .hasMessage("request: is required");
  }
}
