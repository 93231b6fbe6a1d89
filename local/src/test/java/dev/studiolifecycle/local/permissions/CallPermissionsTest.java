package dev.studiolifecycle.local.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.studiolifecycle.local.emulator.RecordedCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPermissionsTest {

  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";
  private long sequence;

  private RecordedCall call(String service, String operation, String parameters, int status) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(parameters);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    String prefix = service.equals("states") ? "states" : service;
    return new RecordedCall(
        ++sequence,
        Instant.EPOCH,
        service,
        operation,
        prefix + ":" + operation,
        true,
        json,
        status,
        status < 300 ? null : "Error",
        "CreateExecutionRoleFunction",
        "r-" + sequence);
  }

  @Test
  void createRoleWithTagsAlsoNeedsTagRoleAndCarriesTheBoundaryAndRequestTags() {
    CallPermissions permissions = new CallPermissions(Map.of());
    List<IamRequest> requests =
        permissions.next(
            call(
                "iam",
                "CreateRole",
                "{\"RoleName\": \"studio-jane\", \"Path\": \"/studio-lifecycle/\", "
                    + "\"PermissionsBoundary\": \""
                    + BOUNDARY
                    + "\", "
                    + "\"Tags.member.1.Key\": \"managed-by\", "
                    + "\"Tags.member.1.Value\": \"studio-lifecycle\"}",
                200));
    assertThat(requests)
        .extracting(IamRequest::action)
        .containsExactly("iam:CreateRole", "iam:TagRole");
    assertThat(requests.get(0).resource())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane");
    assertThat(requests.get(0).context())
        .containsEntry("iam:PermissionsBoundary", List.of(BOUNDARY))
        .containsEntry("aws:RequestTag/managed-by", List.of("studio-lifecycle"));
    assertThat(requests.get(1).because()).isEqualTo("CreateRole with Tags");

    List<IamRequest> attach =
        permissions.next(
            call(
                "iam",
                "AttachRolePolicy",
                "{\"RoleName\": \"studio-jane\", \"PolicyArn\": \"arn:aws:iam::aws:policy/AmazonSageMakerReadOnly\"}",
                200));
    assertThat(attach.get(0).resource())
        .as("the role's path is known from CreateRole")
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane");
    assertThat(attach.get(0).context())
        .containsEntry("iam:PolicyARN", List.of("arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"))
        .containsEntry("iam:PermissionsBoundary", List.of(BOUNDARY))
        .containsEntry("aws:ResourceTag/managed-by", List.of("studio-lifecycle"));
  }

  @Test
  void aRoleIamDoesNotKnowIsNamedWithoutAPath() {
    CallPermissions permissions = new CallPermissions(Map.of());
    assertThat(
            permissions
                .next(call("iam", "GetRole", "{\"RoleName\": \"nobody\"}", 404))
                .get(0)
                .resource())
        .isEqualTo("arn:aws:iam::123456789012:role/nobody");
  }

  @Test
  void seededRolesAndDeletionsAreFollowed() {
    CallPermissions permissions =
        new CallPermissions(
            Map.of(
                "jane",
                new CallPermissions.RoleFacts(
                    "/studio-lifecycle/", Map.of("managed-by", "studio-lifecycle"), null)));
    assertThat(
            permissions
                .next(call("iam", "DeleteRole", "{\"RoleName\": \"jane\"}", 200))
                .get(0)
                .context())
        .containsEntry("aws:ResourceTag/managed-by", List.of("studio-lifecycle"));
    assertThat(permissions.role("jane")).isEmpty();
  }

  @Test
  void createUserProfileNeedsAddTagsAndPassRoleForEveryRoleInItsSettings() {
    CallPermissions permissions = new CallPermissions(Map.of());
    List<IamRequest> requests =
        permissions.next(
            call(
                "sagemaker",
                "CreateUserProfile",
                "{\"DomainId\": \"d-1\", \"UserProfileName\": \"jane\", \"Tags\": [{\"Key\": \"a\", "
                    + "\"Value\": \"b\"}], \"UserSettings\": {\"ExecutionRole\": "
                    + "\"arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane\", "
                    + "\"CanvasAppSettings\": {\"TimeSeriesForecastingSettings\": "
                    + "{\"AmazonForecastRoleArn\": \"arn:aws:iam::123456789012:role/forecast\"}}}}",
                200));
    assertThat(requests)
        .extracting(IamRequest::action)
        .containsExactly(
            "sagemaker:CreateUserProfile", "sagemaker:AddTags", "iam:PassRole", "iam:PassRole");
    assertThat(requests.get(0).resource())
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/jane");
    assertThat(requests.get(3).resource()).isEqualTo("arn:aws:iam::123456789012:role/forecast");
    assertThat(requests.get(2).context())
        .containsEntry("iam:PassedToService", List.of("sagemaker.amazonaws.com"));
    // SageMaker developer guide, "Provide permissions for tagging SageMaker AI resources".
    assertThat(requests.get(1).context())
        .containsEntry("sagemaker:TaggingAction", List.of("CreateUserProfile"));
  }

  @Test
  void aSpacesOwnerAndSharingTypeAreKeysOfTheCallsOnTheSpaceAndItsApps() {
    CallPermissions permissions = new CallPermissions(Map.of());
    List<IamRequest> create =
        permissions.next(
            call(
                "sagemaker",
                "CreateSpace",
                "{\"DomainId\": \"d-1\", \"SpaceName\": \"notes\", "
                    + "\"OwnershipSettings\": {\"OwnerUserProfileName\": \"jane\"}, "
                    + "\"SpaceSharingSettings\": {\"SharingType\": \"Private\"}, "
                    + "\"Tags\": [{\"Key\": \"a\", \"Value\": \"b\"}]}",
                200));
    Map<String, List<String>> janesPrivateSpace =
        Map.of(
            "sagemaker:OwnerUserProfileArn",
            List.of("arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/jane"),
            "sagemaker:SpaceSharingType",
            List.of("Private"));
    assertThat(create.get(0).context()).isEqualTo(janesPrivateSpace);
    assertThat(create.get(1).action()).isEqualTo("sagemaker:AddTags");
    assertThat(create.get(1).context())
        .containsEntry("sagemaker:TaggingAction", List.of("CreateSpace"));

    IamRequest deleteApp =
        permissions
            .next(
                call(
                    "sagemaker",
                    "DeleteApp",
                    "{\"DomainId\": \"d-1\", \"SpaceName\": \"notes\", "
                        + "\"AppType\": \"JupyterLab\", \"AppName\": \"default\"}",
                    200))
            .get(0);
    assertThat(deleteApp.context()).isEqualTo(janesPrivateSpace);

    IamRequest profileApp =
        permissions
            .next(
                call(
                    "sagemaker",
                    "CreateApp",
                    "{\"DomainId\": \"d-1\", \"UserProfileName\": \"jane\", "
                        + "\"AppType\": \"Canvas\", \"AppName\": \"default\"}",
                    200))
            .get(0);
    assertThat(profileApp.context()).isEmpty();
  }

  @Test
  void sageMakerResourcesAreTheDomainsArns() {
    CallPermissions permissions = new CallPermissions(Map.of());
    assertThat(
            permissions
                .next(
                    call(
                        "sagemaker",
                        "DeleteApp",
                        "{\"DomainId\": \"d-1\", "
                            + "\"SpaceName\": \"jane-space\", \"AppType\": \"JupyterLab\", \"AppName\": \"default\"}",
                        200))
                .get(0)
                .resource())
        .isEqualTo(
            "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/jane-space/jupyterlab/default");
    assertThat(
            permissions
                .next(
                    call(
                        "sagemaker",
                        "DescribeSpace",
                        "{\"DomainId\": \"d-1\", " + "\"SpaceName\": \"s\"}",
                        200))
                .get(0)
                .resource())
        .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:space/d-1/s");
    assertThat(permissions.next(call("sagemaker", "ListApps", "{}", 200)).get(0).resource())
        .isEqualTo("*");
    assertThat(
            permissions
                .next(
                    call(
                        "states",
                        "StartExecution",
                        "{\"stateMachineArn\": "
                            + "\"arn:aws:states:us-east-1:123456789012:stateMachine:m\"}",
                        200))
                .get(0)
                .resource())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:m");
  }

  @Test
  void anOperationWithoutAMappingIsAnError() {
    assertThatThrownBy(
            () -> new CallPermissions(Map.of()).next(call("sagemaker", "CreateDomain", "{}", 200)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no IAM mapping for sagemaker:CreateDomain");
  }
}
