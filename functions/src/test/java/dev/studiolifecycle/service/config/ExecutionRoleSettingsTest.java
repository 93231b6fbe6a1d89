package dev.studiolifecycle.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.error.ConfigurationError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionRoleSettingsTest {

  private static Map<String, String> valid() {
    Map<String, String> env = new HashMap<>();
    env.put("PERMISSIONS_BOUNDARY_ARN", "arn:aws-cn:iam::123456789012:policy/Boundary");
    env.put("AWS_ACCOUNT_ID", "123456789012");
    env.put("ALLOWED_POLICY_ARNS", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
    return env;
  }

  @Test
  void readsEveryVariableAndThePartition() {
    ExecutionRoleSettings settings = ExecutionRoleSettings.from(FunctionEnvironment.of(valid()));
    assertThat(settings.rolePath()).isEqualTo("/studio-lifecycle/");
    assertThat(settings.partition()).isEqualTo("aws-cn");
    assertThat(settings.accountId()).isEqualTo("123456789012");
    assertThat(settings.defaultPolicyArns())
        .containsExactly("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
    assertThat(settings.allows("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")).isTrue();
    assertThat(settings.allows("arn:aws:iam::aws:policy/AdministratorAccess")).isFalse();
  }

  @Test
  void refusesDefaultPoliciesOutsideTheAllowList() {
    Map<String, String> env = valid();
    env.put("DEFAULT_POLICY_ARNS", "arn:aws:iam::aws:policy/AdministratorAccess");
    assertThatThrownBy(() -> ExecutionRoleSettings.from(FunctionEnvironment.of(env)))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage(
            "environment variable DEFAULT_POLICY_ARNS: "
                + "'arn:aws:iam::aws:policy/AdministratorAccess' is not in ALLOWED_POLICY_ARNS");
  }

  @Test
  void namesTheFirstMissingVariable() {
    Map<String, String> env = valid();
    env.remove("AWS_ACCOUNT_ID");
    assertThatThrownBy(() -> ExecutionRoleSettings.from(FunctionEnvironment.of(env)))
        .hasMessage("environment variable AWS_ACCOUNT_ID is required");
  }
}
