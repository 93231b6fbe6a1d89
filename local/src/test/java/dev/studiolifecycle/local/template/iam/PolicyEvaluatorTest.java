package dev.studiolifecycle.local.template.iam;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";
  private static final String ROLE = "arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane";

  private static PolicyStatement allow(
      String sid, List<String> actions, List<String> resources, String condition) {
    return new PolicyStatement(
        "test",
        sid,
        PolicyStatement.Effect.ALLOW,
        actions,
        List.of(),
        resources,
        List.of(),
        condition == null ? null : json(condition));
  }

  private static IamRequest request(
      String action, String resource, Map<String, List<String>> context) {
    return new IamRequest(action, resource, context, "test");
  }

  private final PolicyStatement createRole =
      allow(
          "CreateRole",
          List.of("iam:CreateRole"),
          List.of("arn:aws:iam::123456789012:role/studio-lifecycle/*"),
          "{\"StringEquals\": {\"iam:PermissionsBoundary\": \"" + BOUNDARY + "\"}}");

  @Test
  void allowsWhenActionResourceAndConditionsMatch() {
    PolicyEvaluator.Decision decision =
        PolicyEvaluator.evaluate(
            List.of(createRole),
            request("iam:CreateRole", ROLE, Map.of("iam:PermissionsBoundary", List.of(BOUNDARY))));
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.statement()).contains(createRole);
  }

  @Test
  void deniesImplicitlyWhenAConditionKeyIsMissingOrDifferent() {
    assertThat(
            PolicyEvaluator.evaluate(List.of(createRole), request("iam:CreateRole", ROLE, Map.of()))
                .allowed())
        .isFalse();
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(createRole),
                    request(
                        "iam:CreateRole",
                        ROLE,
                        Map.of("iam:PermissionsBoundary", List.of(BOUNDARY + "-other"))))
                .allowed())
        .isFalse();
  }

  @Test
  void resourcesMatchWithWildcardsAndActionsIgnoreCase() {
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(createRole),
                    request(
                        "IAM:createrole",
                        "arn:aws:iam::123456789012:role/other/studio-jane",
                        Map.of("iam:PermissionsBoundary", List.of(BOUNDARY))))
                .allowed())
        .isFalse();
    PolicyStatement any =
        allow(
            "Any",
            List.of("sagemaker:Describe*"),
            List.of("arn:aws:sagemaker:us-east-1:123456789012:app/d-1/*"),
            null);
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(any),
                    request(
                        "sagemaker:DescribeApp",
                        "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/jane/jupyterlab/default",
                        Map.of()))
                .allowed())
        .isTrue();
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(any),
                    request(
                        "sagemaker:DeleteApp",
                        "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/jane/jupyterlab/default",
                        Map.of()))
                .allowed())
        .isFalse();
  }

  @Test
  void anExplicitDenyWins() {
    PolicyStatement deny =
        new PolicyStatement(
            "test",
            "Deny",
            PolicyStatement.Effect.DENY,
            List.of(),
            List.of("iam:PassRole"),
            List.of("*"),
            List.of(),
            null);
    PolicyEvaluator.Decision decision =
        PolicyEvaluator.evaluate(
            List.of(createRole, deny),
            request("iam:CreateRole", ROLE, Map.of("iam:PermissionsBoundary", List.of(BOUNDARY))));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo("explicitly denied by Deny");
  }

  @Test
  void evaluatesListsOfValuesArnsTagsAndNegations() {
    PolicyStatement attach =
        allow(
            "Attach",
            List.of("iam:AttachRolePolicy"),
            List.of("*"),
            "{\"ArnEquals\": {\"iam:PolicyARN\": [\"arn:aws:iam::aws:policy/AmazonSageMakerReadOnly\", "
                + "\"arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess\"]}, "
                + "\"StringEquals\": {\"aws:ResourceTag/managed-by\": \"studio-lifecycle\"}}");
    Map<String, List<String>> ours =
        Map.of(
            "iam:PolicyARN",
            List.of("arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess"),
            "aws:ResourceTag/managed-by",
            List.of("studio-lifecycle"));
    assertThat(
            PolicyEvaluator.evaluate(List.of(attach), request("iam:AttachRolePolicy", ROLE, ours))
                .allowed())
        .isTrue();
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(attach),
                    request(
                        "iam:AttachRolePolicy",
                        ROLE,
                        Map.of(
                            "iam:PolicyARN",
                            List.of("arn:aws:iam::aws:policy/AdministratorAccess"),
                            "aws:ResourceTag/managed-by",
                            List.of("studio-lifecycle"))))
                .allowed())
        .isFalse();

    PolicyStatement notOthers =
        allow(
            "NotOthers",
            List.of("sns:Publish"),
            List.of("*"),
            "{\"StringNotEquals\": {\"aws:PrincipalAccount\": \"999999999999\"}, "
                + "\"StringLikeIfExists\": {\"aws:SourceArn\": \"arn:aws:events:*\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(notOthers),
                    request(
                        "sns:Publish",
                        "t",
                        Map.of("aws:PrincipalAccount", List.of("123456789012"))))
                .allowed())
        .isTrue();
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(notOthers),
                    request(
                        "sns:Publish",
                        "t",
                        Map.of("aws:PrincipalAccount", List.of("999999999999"))))
                .allowed())
        .isFalse();
  }

  @Test
  void refusesToGuessAnUnknownConditionOperator() {
    PolicyStatement dated =
        allow(
            "Dated",
            List.of("iam:GetRole"),
            List.of("*"),
            "{\"DateLessThan\": {\"aws:CurrentTime\": \"2030-01-01T00:00:00Z\"}}");
    assertThatThrownBy(
            () -> PolicyEvaluator.evaluate(List.of(dated), request("iam:GetRole", ROLE, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("condition operator DateLessThan is not supported");
  }
}
