package dev.studiolifecycle.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.studiolifecycle.error.AwsThrottled;
import dev.studiolifecycle.error.ConfigurationError;
import dev.studiolifecycle.model.CreateExecutionRoleInput;
import dev.studiolifecycle.model.ExecutionRoleResult;
import dev.studiolifecycle.service.ExecutionRoleProvisioner;
import dev.studiolifecycle.service.config.ExecutionRoleSettings;
import dev.studiolifecycle.service.config.FunctionEnvironment;
import dev.studiolifecycle.testing.AwsErrors;
import dev.studiolifecycle.testing.TestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.Role;

class CreateExecutionRoleHandlerTest {

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "STATE_MACHINE_NAME", "studio-lifecycle-StudioUserLifecycle",
          "PERMISSIONS_BOUNDARY_ARN", "arn:aws:iam::123456789012:policy/StudioBoundary",
          "AWS_ACCOUNT_ID", "123456789012",
          "ALLOWED_POLICY_ARNS",
              "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess,"
                  + "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess,"
                  + "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess,"
                  + "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess,"
                  + "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess");

  private final IamClient iam = mock(IamClient.class);
  private final CreateExecutionRoleHandler handler =
      new CreateExecutionRoleHandler(
          new ExecutionRoleProvisioner(
              iam, ExecutionRoleSettings.from(FunctionEnvironment.of(ENVIRONMENT))));

  @ParameterizedTest
  @Event(value = "create-execution-role/create-role.json", type = CreateExecutionRoleInput.class)
  void createsTheRoleTheFixtureAsksFor(CreateExecutionRoleInput input) {
    assertThat(input.request().executionRole().create().s3Buckets())
        .containsExactly("ml-team-datasets", "ml-team-scratch");
    when(iam.createRole(any(CreateRoleRequest.class)))
        .thenReturn(
            CreateRoleResponse.builder()
                .role(
                    Role.builder()
                        .roleName("studio-jane-doe")
                        .arn("arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane-doe")
                        .build())
                .build());
    ExecutionRoleResult result = handler.handleRequest(input, new TestContext());
    assertThat(result.createdByThisRun()).isTrue();
    assertThat(result.attachedPolicyArns())
        .containsExactly(
            "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess",
            "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess",
            "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasForecastAccess");
    ArgumentCaptor<CreateRoleRequest> sent = ArgumentCaptor.forClass(CreateRoleRequest.class);
    verify(iam).createRole(sent.capture());
    assertThat(sent.getValue().path()).isEqualTo("/studio-lifecycle/");
  }

  @ParameterizedTest
  @Event(value = "create-execution-role/existing-role.json", type = CreateExecutionRoleInput.class)
  void checksTheExistingRoleTheFixtureNames(CreateExecutionRoleInput input) {
    String trust =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Princip"
            + "al\":{\"Service\":\"sagemaker.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    when(iam.getRole(any(GetRoleRequest.class)))
        .thenReturn(
            GetRoleResponse.builder()
                .role(
                    Role.builder()
                        .roleName("SageMakerTeamRole")
                        .arn(input.request().executionRole().arn())
                        .assumeRolePolicyDocument(URLEncoder.encode(trust, StandardCharsets.UTF_8))
                        .build())
                .build());
    ExecutionRoleResult result = handler.handleRequest(input, new TestContext());
    assertThat(result.roleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/service-role/SageMakerTeamRole");
    assertThat(result.createdByThisRun()).isFalse();
  }

  @ParameterizedTest
  @Event(value = "create-execution-role/create-role.json", type = CreateExecutionRoleInput.class)
  void throttlingBecomesTheRetryableAwsThrottled(CreateExecutionRoleInput input) {
    when(iam.createRole(any(CreateRoleRequest.class))).thenThrow(AwsErrors.iam("Throttling", 400));
    assertThatThrownBy(() -> handler.handleRequest(input, new TestContext()))
        .isInstanceOf(AwsThrottled.class);
  }

  @Test
  void refusesToStartWithoutItsConfiguration() {
    assertThatThrownBy(() -> new CreateExecutionRoleHandler(Map.of()))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("environment variable PERMISSIONS_BOUNDARY_ARN is required");
    Map<String, String> noMachine = new HashMap<>(ENVIRONMENT);
    noMachine.remove("STATE_MACHINE_NAME");
    assertThatThrownBy(() -> new CreateExecutionRoleHandler(noMachine))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("environment variable STATE_MACHINE_NAME is required");
    assertThat(new CreateExecutionRoleHandler(ENVIRONMENT)).isNotNull();
  }
}
