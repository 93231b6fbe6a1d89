package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.RoleCreation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRolePolicyTest {

  private static final String LONGEST_PROFILE = "ab-" + "long-name".repeat(5) + "-of-sixty-three";

  private static List<String> buckets(String prefix, int count) {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = prefix + "-" + i + "-";
      names.add(name + "b".repeat(63 - name.length()));
    }
    return names;
  }

  @Test
  void bucketsWhosePolicyLeavesNoRoomForTheOffboardingsDenyAreRefusedNamingBothLists() {
    RoleCreation create =
        new RoleCreation(buckets("shared", 25), buckets("personal", 22), List.of());

    assertThat(ExecutionRolePolicy.roleOverIamLimit(create, LONGEST_PROFILE))
        .hasValueSatisfying(
            rule ->
                assertThat(rule)
                    .startsWith(
                        "executionRole.create.s3Buckets, executionRole.create.s3PersonalBuckets:")
                    .contains("IAM allows 10240 for a role's inline policies"));
  }

  @Test
  void theLargestPolicyAcceptedStillHoldsTheDenyInEveryPartition() {
    RoleCreation create =
        new RoleCreation(buckets("shared", 25), buckets("personal", 21), List.of());

    assertThat(ExecutionRolePolicy.roleOverIamLimit(create, LONGEST_PROFILE)).isEmpty();
    String policy =
        ExecutionRolePolicy.s3AccessPolicy(
            "aws-us-gov", create.s3Buckets(), create.s3PersonalBuckets(), LONGEST_PROFILE);
    assertThat(policy.length() + AccessRevoker.DENY_ALL.length())
        .isLessThanOrEqualTo(ExecutionRolePolicy.MAX_ROLE_POLICY_CHARS);
    assertThat(
            ExecutionRolePolicy.roleOverIamLimit(
                new RoleCreation(List.of(), List.of(), List.of()), LONGEST_PROFILE))
        .isEmpty();
  }

  @Test
  void trustsSageMakerFromThisAccountOnly() throws Exception {
    JsonNode policy = ModelJson.readTree(ExecutionRolePolicy.trustPolicy("123456789012", false));
    JsonNode statement = policy.path("Statement").get(0);
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(statement.path("Principal").path("Service").toString())
        .isEqualTo("[\"sagemaker.amazonaws.com\"]");
    assertThat(statement.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
        .isEqualTo("123456789012");
  }

  @Test
  void addsForecastWhenCanvasForecastingUsesTheRole() throws Exception {
    String policy = ExecutionRolePolicy.trustPolicy("123456789012", true);
    assertThat(ExecutionRolePolicy.trusts(policy, "forecast.amazonaws.com")).isTrue();
    assertThat(ExecutionRolePolicy.trusts(policy, "sagemaker.amazonaws.com")).isTrue();
  }

  @Test
  void aTrustThatLetsAnyoneButSageMakerAndForecastOfTheAccountInIsNotOurs() {
    String account = "123456789012";
    assertThat(
            ExecutionRolePolicy.trustsOnlySageMakerAndForecastOf(
                ExecutionRolePolicy.trustPolicy(account, true), account))
        .isTrue();
    String outsider =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
            + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}},"
            + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    assertThat(ExecutionRolePolicy.trusts(outsider, "sagemaker.amazonaws.com")).isTrue();
    assertThat(ExecutionRolePolicy.trustsOnlySageMakerAndForecastOf(outsider, account))
        .as("another account may assume it")
        .isFalse();
    String anySource =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    assertThat(ExecutionRolePolicy.trustsOnlySageMakerAndForecastOf(anySource, account))
        .as("SageMaker acting for any account (the confused deputy)")
        .isFalse();
    String otherService = anySource.replace("sagemaker.amazonaws.com", "ec2.amazonaws.com");
    assertThat(ExecutionRolePolicy.trustsOnlySageMakerAndForecastOf(otherService, account))
        .isFalse();
    assertThat(
            ExecutionRolePolicy.trustsOnlySageMakerAndForecastOf(
                ExecutionRolePolicy.trustPolicy("210987654321", false), account))
        .isFalse();
  }

  @Test
  void inAPersonalBucketGrantsOnlyThePersonsPrefix() throws Exception {
    String document =
        ExecutionRolePolicy.s3AccessPolicy("aws", List.of("shared"), List.of("home"), "jane-doe");
    JsonNode statements = ModelJson.readTree(document).path("Statement");
    assertThat(statements).hasSize(4);
    JsonNode list = statements.get(2);
    assertThat(list.path("Sid").asText()).isEqualTo("ListOwnPrefix");
    assertThat(list.path("Resource").toString()).isEqualTo("[\"arn:aws:s3:::home\"]");
    assertThat(list.at("/Condition/StringLike/s3:prefix").toString())
        .isEqualTo("[\"users/jane-doe/*\"]");
    assertThat(statements.get(3).path("Resource").toString())
        .isEqualTo("[\"arn:aws:s3:::home/users/jane-doe/*\"]");
    assertThat(ExecutionRolePolicy.s3Buckets(document))
        .containsExactly("shared", "home (users/jane-doe/ only)");
  }

  @Test
  void grantsListAndObjectAccessOnTheBucketsOnly() throws Exception {
    JsonNode policy =
        ModelJson.readTree(ExecutionRolePolicy.s3AccessPolicy("aws", List.of("b1", "b2")));
    JsonNode list = policy.path("Statement").get(0);
    JsonNode objects = policy.path("Statement").get(1);
    assertThat(list.path("Action").toString()).isEqualTo("[\"s3:ListBucket\"]");
    assertThat(list.path("Resource").toString())
        .isEqualTo("[\"arn:aws:s3:::b1\",\"arn:aws:s3:::b2\"]");
    assertThat(objects.path("Action").toString())
        .isEqualTo("[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"]");
    assertThat(objects.path("Resource").toString())
        .isEqualTo("[\"arn:aws:s3:::b1/*\",\"arn:aws:s3:::b2/*\"]");
  }

  @Test
  void readsUrlEncodedTrustPoliciesAsIamReturnsThem() {
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"sagemaker.amaz"
            + "onaws.com\"},\"Action\":\"sts:AssumeRole\"}}";
    String encoded = URLEncoder.encode(doc, StandardCharsets.UTF_8);
    assertThat(ExecutionRolePolicy.trusts(encoded, "sagemaker.amazonaws.com")).isTrue();
    assertThat(ExecutionRolePolicy.trusts(doc, "sagemaker.amazonaws.com")).isTrue();
  }

  @Test
  void refusesPoliciesThatDoNotLetTheServiceAssumeTheRole() {
    String otherService =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"ec2.amazonaws.com\"]},"
            + "\"Action\":[\"sts:AssumeRole\"]}]}";
    String deny =
        "{\"Statement\":[{\"Effect\":\"Deny\",\"Princip"
            + "al\":{\"Service\":\"sagemaker.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    String otherAction =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Princip"
            + "al\":{\"Service\":\"sagemaker.amazonaws.com\"},"
            + "\"Action\":\"sts:TagSession\"}]}";
    assertThat(ExecutionRolePolicy.trusts(otherService, "sagemaker.amazonaws.com")).isFalse();
    assertThat(ExecutionRolePolicy.trusts(deny, "sagemaker.amazonaws.com")).isFalse();
    assertThat(ExecutionRolePolicy.trusts(otherAction, "sagemaker.amazonaws.com")).isFalse();
    assertThat(ExecutionRolePolicy.trusts("not json", "sagemaker.amazonaws.com")).isFalse();
    assertThat(ExecutionRolePolicy.trusts(null, "sagemaker.amazonaws.com")).isFalse();
  }
}
