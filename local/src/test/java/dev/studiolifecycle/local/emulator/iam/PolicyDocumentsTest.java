package dev.studiolifecycle.local.emulator.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

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
                PolicyDocuments.checkTrustPolicy(denied), "sagemaker.amazonaws.com"))
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
        PolicyDocuments.checkTrustPolicy(policy), "sagemaker.amazonaws.com");
  }
}
