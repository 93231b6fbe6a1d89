package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.error.RoleNotYetAssumable;
import dev.studiolifecycle.model.CreateUserProfileInput;
import dev.studiolifecycle.model.DomainAuthMode;
import dev.studiolifecycle.model.RStudioAccess;
import dev.studiolifecycle.model.UserProfileResult;
import dev.studiolifecycle.service.UserProfileCreator;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserProfileStatus;

class CreateUserProfileHandlerTest {

  private static final String ARN =
      "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc123def456/jane-doe";

  private static final String SAGEMAKER_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final SageMakerClient sageMaker = mock(SageMakerClient.class);
  private final IamClient iam = mock(IamClient.class);
  private final CreateUserProfileHandler handler =
      new CreateUserProfileHandler(new UserProfileCreator(sageMaker, iam));

  @ParameterizedTest
  @Event(value = "create-user-profile/sso-domain.json", type = CreateUserProfileInput.class)
  void createsTheProfileOfTheSsoFixture(CreateUserProfileInput input) {
    assertThat(input.domain().authMode()).isEqualTo(DomainAuthMode.SSO);
    assertThat(input.request().rstudio()).isEqualTo(RStudioAccess.ADMIN);
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenReturn(CreateUserProfileResponse.builder().userProfileArn(ARN).build());
    // Not there when the creator looks first, Pending right after the create call.
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound())
        .thenReturn(
            DescribeUserProfileResponse.builder().status(UserProfileStatus.PENDING).build());
    UserProfileResult result = handler.handleRequest(input, new TestContext());
    assertThat(result.userProfileArn()).isEqualTo(ARN);
    assertThat(result.status()).isEqualTo("Pending");
    ArgumentCaptor<CreateUserProfileRequest> sent =
        ArgumentCaptor.forClass(CreateUserProfileRequest.class);
    verify(sageMaker).createUserProfile(sent.capture());
    assertThat(sent.getValue().singleSignOnUserValue()).isEqualTo("jane.doe");
    assertThat(sent.getValue().userSettings().executionRole())
        .isEqualTo("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe");
  }

  @ParameterizedTest
  @Event(value = "create-user-profile/iam-domain.json", type = CreateUserProfileInput.class)
  void aRoleNotYetAssumableIsItsOwnRetryableError(CreateUserProfileInput input) {
    when(sageMaker.describeUserProfile(any(DescribeUserProfileRequest.class)))
        .thenThrow(AwsErrors.sageMakerNotFound());
    when(sageMaker.createUserProfile(any(CreateUserProfileRequest.class)))
        .thenThrow(
            AwsErrors.sageMakerValidation(
                "Could not assume role "
                    + input.executionRoleArn()
                    + ". Please ensure that the role exists and allows principal "
                    + "'sagemaker.amazonaws.com' to assume the role."));
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(
                    Role.builder()
                        .arn(input.executionRoleArn())
                        .assumeRolePolicyDocument(SAGEMAKER_TRUST)
                        .build())
                .build());
    assertThatThrownBy(() -> handler.handleRequest(input, new TestContext()))
        .isInstanceOf(RoleNotYetAssumable.class);
  }

  @Test
  void buildsFromAFunctionEnvironmentThatNamesTheStateMachine() {
    assertThat(
            new CreateUserProfileHandler(
                Map.of("STATE_MACHINE_NAME", "studio-lifecycle-StudioUserLifecycle")))
        .isNotNull();
    assertThatThrownBy(() -> new CreateUserProfileHandler(Map.of()))
        .hasMessage("environment variable STATE_MACHINE_NAME is required");
  }
}
