package dev.studiolifecycle.local.permissions;

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
        condition == null ? null : json(condition),
        true);
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
            null,
            true);
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

  // IAM User Guide, "IAM policy elements: Variables and tags".

  private static final String SPACE = "arn:aws:sagemaker:us-east-1:123456789012:space/d-1/notes";
  private static final Map<String, List<String>> STUDIO_SESSION =
      Map.of("sagemaker:DomainId", List.of("d-1"), "sagemaker:UserProfileName", List.of("jane"));

  private static PolicyStatement document(String json) {
    return PolicyStatement.ofDocument(json(json), "test").get(0);
  }

  @Test
  void aPolicyVariableInAResourceTakesTheRequestsValue() {
    PolicyStatement spaces =
        document(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"sagemaker:DeleteSpace\", "
                + "\"Resource\": \"arn:aws:sagemaker:*:*:space/${sagemaker:DomainId}/*\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(spaces), request("sagemaker:DeleteSpace", SPACE, STUDIO_SESSION))
                .allowed())
        .isTrue();
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(spaces),
                    request(
                        "sagemaker:DeleteSpace",
                        SPACE,
                        Map.of("sagemaker:domainid", List.of("d-2"))))
                .allowed())
        .isFalse();
  }

  @Test
  void aResourceWhoseVariableHasNoValueMatchesNothing() {
    PolicyStatement spaces =
        document(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"sagemaker:DeleteSpace\", "
                + "\"Resource\": \"arn:aws:sagemaker:*:*:space/${sagemaker:DomainId}/*\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(spaces), request("sagemaker:DeleteSpace", SPACE, Map.of()))
                .allowed())
        .isFalse();
  }

  @Test
  void aDefaultValueStandsInForAMissingKeyAndSpecialCharactersAreLiteral() {
    PolicyStatement withDefault =
        document(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"sagemaker:DeleteSpace\", \"Resource\": "
                + "\"arn:aws:sagemaker:*:*:space/${sagemaker:DomainId, 'd-1'}/notes${?}\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(withDefault), request("sagemaker:DeleteSpace", SPACE + "?", Map.of()))
                .allowed())
        .isTrue();
    // ${?} is a literal question mark, not a wildcard for one character.
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(withDefault), request("sagemaker:DeleteSpace", SPACE + "x", Map.of()))
                .allowed())
        .isFalse();
  }

  @Test
  void aValueFromTheRequestIsLiteralEvenWithAWildcardCharacter() {
    PolicyStatement own =
        document(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"sagemaker:DeleteSpace\", "
                + "\"Resource\": \"arn:aws:sagemaker:*:*:space/${sagemaker:DomainId}/notes\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(own),
                    request(
                        "sagemaker:DeleteSpace", SPACE, Map.of("sagemaker:DomainId", List.of("*"))))
                .allowed())
        .isFalse();
  }

  @Test
  void variablesAreLiteralTextInAPolicyWithoutThe2012Version() {
    PolicyStatement old =
        document(
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"sagemaker:DeleteSpace\", "
                + "\"Resource\": \"arn:aws:sagemaker:*:*:space/${sagemaker:DomainId}/*\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(old), request("sagemaker:DeleteSpace", SPACE, STUDIO_SESSION))
                .allowed())
        .isFalse();
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(old),
                    request(
                        "sagemaker:DeleteSpace",
                        "arn:aws:sagemaker:us-east-1:123456789012:space/${sagemaker:DomainId}/x",
                        STUDIO_SESSION))
                .allowed())
        .isTrue();
  }

  @Test
  void aConditionValueWithAVariableComparesWithTheSessionsValue() {
    PolicyStatement owner =
        document(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
                + "\"Action\": \"sagemaker:DeleteSpace\", \"Resource\": \"*\", \"Condition\": "
                + "{\"ArnLike\": {\"sagemaker:OwnerUserProfileArn\": \"arn:aws:sagemaker:*:*:"
                + "user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}\"}}}}");
    Map<String, List<String>> janes = new java.util.HashMap<>(STUDIO_SESSION);
    janes.put(
        "sagemaker:OwnerUserProfileArn",
        List.of("arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/jane"));
    assertThat(
            PolicyEvaluator.evaluate(List.of(owner), request("sagemaker:DeleteSpace", SPACE, janes))
                .allowed())
        .isTrue();
    Map<String, List<String>> bobs = new java.util.HashMap<>(janes);
    bobs.put(
        "sagemaker:OwnerUserProfileArn",
        List.of("arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/bob"));
    assertThat(
            PolicyEvaluator.evaluate(List.of(owner), request("sagemaker:DeleteSpace", SPACE, bobs))
                .allowed())
        .isFalse();
  }

  @Test
  void aDenyWhoseVariableHasNoValueDeniesRatherThanPasses() {
    PolicyStatement deny =
        document(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", "
                + "\"Action\": \"sagemaker:*\", \"Resource\": \"*\", \"Condition\": "
                + "{\"StringNotEquals\": {\"aws:ResourceTag/owner\": \"${aws:PrincipalTag/owner}\"}}}}");
    PolicyEvaluator.Decision decision =
        PolicyEvaluator.evaluate(
            List.of(deny),
            request("sagemaker:DeleteSpace", SPACE, Map.of("aws:ResourceTag/owner", List.of("x"))));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).contains("a policy variable with no value");
  }

  @Test
  void arnEqualsMatchesWithWildcardsAsArnLikeDoes() {
    PolicyStatement pass =
        allow(
            "Pass",
            List.of("iam:PassRole"),
            List.of("*"),
            "{\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:states:*:123456789012:stateMachine:*\"}}");
    assertThat(
            PolicyEvaluator.evaluate(
                    List.of(pass),
                    request(
                        "iam:PassRole",
                        ROLE,
                        Map.of(
                            "aws:SourceArn",
                            List.of("arn:aws:states:us-east-1:123456789012:stateMachine:x"))))
                .allowed())
        .isTrue();
  }
}
