package dev.studiolifecycle.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.error.ConfigurationError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {

  private static FunctionEnvironment env(Map<String, String> vars) {
    return FunctionEnvironment.of(vars);
  }

  @Test
  void defaultsTheRolePath() {
    assertThat(env(Map.of()).rolePath()).isEqualTo("/studio-lifecycle/");
    assertThat(env(Map.of("ROLE_PATH", "/team/ml/")).rolePath()).isEqualTo("/team/ml/");
  }

  @Test
  void rejectsARolePathWithoutSlashesNamingTheVariable() {
    assertThatThrownBy(() -> env(Map.of("ROLE_PATH", "studio")).rolePath())
        .isInstanceOf(ConfigurationError.class)
        .hasMessageStartingWith(
            "environment variable ROLE_PATH: must be / or start and end with /");
  }

  @Test
  void requiresTheBoundaryAndChecksItIsAPolicyArn() {
    assertThatThrownBy(() -> env(Map.of()).permissionsBoundaryArn())
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("environment variable PERMISSIONS_BOUNDARY_ARN is required");
    assertThatThrownBy(
            () -> env(Map.of("PERMISSIONS_BOUNDARY_ARN", "boundary")).permissionsBoundaryArn())
        .hasMessage("environment variable PERMISSIONS_BOUNDARY_ARN: must be an IAM policy ARN");
    assertThat(
            env(Map.of("PERMISSIONS_BOUNDARY_ARN", "arn:aws:iam::123456789012:policy/Boundary"))
                .permissionsBoundaryArn())
        .isEqualTo("arn:aws:iam::123456789012:policy/Boundary");
  }

  @Test
  void checksTheAccountId() {
    assertThat(env(Map.of("AWS_ACCOUNT_ID", "123456789012")).accountId()).isEqualTo("123456789012");
    assertThatThrownBy(() -> env(Map.of("AWS_ACCOUNT_ID", "1234")).accountId())
        .hasMessage("environment variable AWS_ACCOUNT_ID: must be 12 digits");
  }

  @Test
  void splitsPolicyListsAndChecksEachArn() {
    assertThat(
            env(Map.of(
                    "ALLOWED_POLICY_ARNS",
                    " arn:aws:iam::aws:policy/AmazonSageMakerReadOnly ,"
                        + " ,arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess,arn:aws:iam::aws:policy/AmazonSageMakerReadOnly"))
                .allowedPolicyArns())
        .containsExactly(
            "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly",
            "arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess");
    assertThatThrownBy(
            () ->
                env(Map.of(
                        "ALLOWED_POLICY_ARNS",
                        "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly,oops"))
                    .allowedPolicyArns())
        .hasMessage("environment variable ALLOWED_POLICY_ARNS: 'oops' is not an IAM policy ARN");
    assertThatThrownBy(() -> env(Map.of("ALLOWED_POLICY_ARNS", " , ")).allowedPolicyArns())
        .hasMessage("environment variable ALLOWED_POLICY_ARNS: must list at least one policy ARN");
    assertThatThrownBy(() -> env(Map.of()).allowedPolicyArns())
        .hasMessage("environment variable ALLOWED_POLICY_ARNS is required");
  }

  @Test
  void defaultsTheDefaultPolicies() {
    assertThat(env(Map.of()).defaultPolicyArns())
        .containsExactly("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
  }

  @Test
  void checksTheStateMachineArn() {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:StudioUserLifecycle";
    assertThat(env(Map.of("STATE_MACHINE_ARN", arn)).stateMachineArn()).isEqualTo(arn);
    assertThatThrownBy(
            () -> env(Map.of("STATE_MACHINE_ARN", "StudioUserLifecycle")).stateMachineArn())
        .hasMessage(
            "environment variable STATE_MACHINE_ARN: must be a Step Functions state machine ARN");
  }

  @Test
  void checksTheStateMachineName() {
    assertThat(env(Map.of("STATE_MACHINE_NAME", "stack-StudioUserLifecycle")).stateMachineName())
        .isEqualTo("stack-StudioUserLifecycle");
    assertThatThrownBy(() -> env(Map.of()).stateMachineName())
        .hasMessageContaining("STATE_MACHINE_NAME");
    assertThatThrownBy(
            () ->
                env(Map.of("STATE_MACHINE_NAME", "arn:aws:states:us-east-1:1:stateMachine:x"))
                    .stateMachineName())
        .hasMessage(
            "environment variable STATE_MACHINE_NAME: must fully match [A-Za-z0-9_\\-]{1,80}");
  }

  @Test
  void theDefaultDomainIsOptionalButChecked() {
    assertThat(env(Map.of()).defaultDomainId()).isEmpty();
    assertThat(env(Map.of("DEFAULT_DOMAIN_ID", "d-abc")).defaultDomainId()).contains("d-abc");
    assertThatThrownBy(() -> env(Map.of("DEFAULT_DOMAIN_ID", "abc")).defaultDomainId())
        .hasMessageStartingWith("environment variable DEFAULT_DOMAIN_ID: must fully match");
  }
}
