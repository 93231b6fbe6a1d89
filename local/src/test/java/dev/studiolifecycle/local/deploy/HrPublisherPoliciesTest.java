package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.permissions.IamRequest;
import dev.studiolifecycle.local.permissions.PolicyEvaluator;
import dev.studiolifecycle.local.template.PolicyStatement;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Only the HR system starts the workflow: the HR topic's policy and the HR bus's policy, read from
 * template.yaml as deployed in account 123456789012. Their deny statements name every principal
 * ({@code Principal: '*'}), and an explicit deny in a resource policy binds the account's own
 * principals too (IAM User Guide, policy evaluation logic): whatever a principal's identity
 * policies allow, a publish or a PutEvents by anyone but the HR system is refused.
 */
class HrPublisherPoliciesTest {

  private static final String ACCOUNT = "123456789012";
  private static final String HR_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/hr-system";
  private static final String SOMEONE = "arn:aws:iam::" + ACCOUNT + ":role/data-scientist";

  private static List<PolicyStatement> topicPolicy(SamTemplate template) {
    JsonNode policy =
        template.resolvedResources().get("HrTopicPolicy").at("/Properties/PolicyDocument");
    return PolicyStatement.ofDocument(policy, "HrTopicPolicy");
  }

  private static List<PolicyStatement> busPolicy(SamTemplate template) {
    ObjectNode document = ProjectFiles.JSON.createObjectNode();
    document.put("Version", "2012-10-17");
    document
        .putArray("Statement")
        .add(
            template
                .resolvedResources()
                .get("HrEventBusOnlyTheHrSystemPuts")
                .at("/Properties/Statement"));
    return PolicyStatement.ofDocument(document, "HrEventBusOnlyTheHrSystemPuts");
  }

  private static String hrTopic(SamTemplate template) {
    return template.topics().stream()
        .filter(t -> t.logicalId().equals("HrTopic"))
        .findFirst()
        .orElseThrow()
        .arn();
  }

  /** Whether a statement of the policy explicitly denies the principal's call. */
  private static boolean denied(
      List<PolicyStatement> policy, String action, String resource, String principalArn) {
    String account = principalArn.split(":")[4];
    IamRequest request =
        new IamRequest(
            action,
            resource,
            Map.of(
                "aws:PrincipalArn", List.of(principalArn),
                "aws:PrincipalAccount", List.of(account)),
            "publish");
    PolicyEvaluator.Decision decision =
        PolicyEvaluator.evaluate(
            policy.stream().filter(s -> s.effect() == PolicyStatement.Effect.DENY).toList(),
            request);
    return decision.statement().isPresent();
  }

  @Test
  void withAPublisherNamedOnlyThatRolePublishesOrPutsEvents() {
    SamTemplate template = ProjectFiles.template(Map.of("HrPublisherArn", HR_ROLE));
    String topic = hrTopic(template);
    String bus = "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/studio-lifecycle-hr";

    assertThat(denied(topicPolicy(template), "sns:Publish", topic, HR_ROLE)).isFalse();
    assertThat(denied(topicPolicy(template), "sns:Publish", topic, SOMEONE))
        .as("anyone else in the account")
        .isTrue();
    assertThat(denied(busPolicy(template), "events:PutEvents", bus, HR_ROLE)).isFalse();
    assertThat(denied(busPolicy(template), "events:PutEvents", bus, SOMEONE)).isTrue();
    assertThat(template.resolvedResources().get("HrTopicPolicy").toString())
        .contains("\"AWS\":\"" + HR_ROLE + "\"");
  }

  @Test
  void withoutAPublisherOnlyTheHrAccountsPrincipalsDo() {
    SamTemplate template = ProjectFiles.template();
    String topic = hrTopic(template);
    String outsider = "arn:aws:iam::999988887777:role/anyone";

    assertThat(denied(topicPolicy(template), "sns:Publish", topic, SOMEONE)).isFalse();
    assertThat(denied(topicPolicy(template), "sns:Publish", topic, outsider)).isTrue();
    assertThat(template.resolvedResources()).containsKey("HrEventBus");
    assertThat(template.resolvedResources()).doesNotContainKey("HrEventBusTheHrAccountPuts");
  }

  @Test
  void anHrSystemInAnotherAccountIsLetInAndTheAccountsOwnPrincipalsAreNot() {
    String hrAccount = "999988887777";
    String hrRole = "arn:aws:iam::" + hrAccount + ":role/hr-system";
    SamTemplate template =
        ProjectFiles.template(Map.of("HrEventAccount", hrAccount, "HrPublisherArn", hrRole));
    String bus = "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/studio-lifecycle-hr";

    assertThat(denied(busPolicy(template), "events:PutEvents", bus, hrRole)).isFalse();
    assertThat(denied(busPolicy(template), "events:PutEvents", bus, SOMEONE)).isTrue();
    assertThat(template.resolvedResources().get("HrEventBusTheHrAccountPuts").toString())
        .contains(hrRole);
    assertThat(template.resolvedResources().get("TopicKey").toString())
        .as("the HR account encrypts through SNS with the topic's key")
        .contains("TheHrSystemPublishesToTheHrTopic");
  }
}
