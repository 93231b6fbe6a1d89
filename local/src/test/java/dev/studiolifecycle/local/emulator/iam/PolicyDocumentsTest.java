package dev.studiolifecycle.local.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.AwsServiceError;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

  private static final Predicate<String> NO_ROLES = arn -> false;

  @Test
  void trustsAServiceNamedAloneOrInAListWithAssumeRoleOrAWildcard() {
    assertThat(trusts("{\"Service\":\"sagemaker.amazonaws.com\"}", "\"sts:AssumeRole\"")).isTrue();
    assertThat(
            trusts(
                "{\"Service\":[\"lambda.amazonaws.com\",\"sagemaker.amazonaws.com\"]}",
                "[\"sts:AssumeRole\",\"sts:TagSession\"]"))
        .isTrue();
    assertThat(trusts("{\"Service\":\"sagemaker.amazonaws.com\"}", "\"sts:*\"")).isTrue();
    assertThat(trusts("\"*\"", "\"sts:AssumeRole\"")).isTrue();
  }

  @Test
  void doesNotTrustOtherServicesOtherActionsOrADeniedPrincipal() {
    assertThat(trusts("{\"Service\":\"lambda.amazonaws.com\"}", "\"sts:AssumeRole\"")).isFalse();
    assertThat(trusts("{\"Service\":\"sagemaker.amazonaws.com\"}", "\"sts:TagSession\"")).isFalse();
    String denied =
        "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"},"
            + "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    assertThat(
            PolicyDocuments.trusts(
                PolicyDocuments.checkTrustPolicy(denied, NO_ROLES), "sagemaker.amazonaws.com"))
        .isFalse();
  }

  private static boolean trusts(String principal, String action) {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Principal\":"
            + principal
            + ",\"Action\":"
            + action
            + "}}";
    return PolicyDocuments.trusts(
        PolicyDocuments.checkTrustPolicy(policy, NO_ROLES), "sagemaker.amazonaws.com");
  }

  /**
   * IAM refuses a trust policy naming a principal it does not know: "Invalid principal in policy",
   * for a misspelt service and for a role of this account that does not exist.
   */
  @Test
  void refusesUnknownServicesAndRolesThatDoNotExist() {
    String role = "arn:aws:iam::123456789012:role/studio-lifecycle/ops";
    assertThatThrownBy(
            () -> trusts("{\"Service\":\"sagemaker.amazonaw.com\"}", "\"sts:AssumeRole\""))
        .isInstanceOf(AwsServiceError.class)
        .hasMessage("Invalid principal in policy: \"SERVICE\":\"sagemaker.amazonaw.com\"");
    assertThatThrownBy(() -> trusts("{\"AWS\":\"" + role + "\"}", "\"sts:AssumeRole\""))
        .isInstanceOf(AwsServiceError.class)
        .hasMessage("Invalid principal in policy: \"AWS\":\"" + role + "\"");
    String trustsRole = trustPolicy("{\"AWS\":\"" + role + "\"}", "\"sts:AssumeRole\"");
    assertThat(PolicyDocuments.checkTrustPolicy(trustsRole, role::equals)).isNotNull();
    String otherAccount =
        trustPolicy("{\"AWS\":\"arn:aws:iam::210987654321:root\"}", "\"sts:AssumeRole\"");
    assertThat(PolicyDocuments.checkTrustPolicy(otherAccount, NO_ROLES)).isNotNull();
  }

  private static String trustPolicy(String principal, String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
        + "\"Principal\":"
        + principal
        + ",\"Action\":"
        + action
        + "}}";
  }
}
