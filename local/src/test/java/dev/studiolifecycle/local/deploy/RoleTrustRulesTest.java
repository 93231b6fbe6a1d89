package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.eventbridge.BusEvent;
import dev.studiolifecycle.local.eventbridge.EventBus;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trust policy set outside the workflow is detected: template.yaml's rules send CloudTrail's
 * CreateRole under RolePath and UpdateAssumeRolePolicy by anyone but CreateExecutionRoleFunction,
 * and IAM Access Analyzer's findings on roles under RolePath, to the ops topic; the workflow's own
 * role creation tells nobody.
 */
class RoleTrustRulesTest {

  private final SamTemplate template = ProjectFiles.template();
  private final EventBus bus =
      new EventBus(template.eventRules(), new VirtualClock(Instant.parse("2026-12-07T08:00:00Z")));
  private final String opsTopic =
      template.topics().stream()
          .filter(topic -> topic.logicalId().equals("OpsTopic"))
          .findFirst()
          .orElseThrow()
          .arn();

  private List<String> targets(String event) {
    JsonNode json;
    try {
      json = ProjectFiles.JSON.readTree(event.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(event, e);
    }
    return bus.put(new BusEvent("default", json)).stream()
        .map(delivery -> delivery.rule().logicalId() + " -> " + delivery.target().arn())
        .toList();
  }

  private static String cloudTrail(String eventName, String requestParameters, String identity) {
    return "{'version': '0', 'id': 'e1', 'source': 'aws.iam', 'account': '123456789012',"
        + " 'time': '2026-12-07T08:00:00Z', 'region': 'us-east-1', 'resources': [],"
        + " 'detail-type': 'AWS API Call via CloudTrail', 'detail': {'eventSource':"
        + " 'iam.amazonaws.com', 'eventName': '"
        + eventName
        + "', 'requestParameters': "
        + requestParameters
        + ", 'userIdentity': "
        + identity
        + "}}";
  }

  private static final String CONSOLE_USER = "{'type': 'IAMUser', 'userName': 'someone'}";
  private static final String WORKFLOW =
      "{'type': 'AssumedRole', 'sessionContext': {'sessionIssuer': {'type': 'Role', 'userName':"
          + " 'studio-lifecycle-CreateExecutionRoleFunctionRole-AB12CD34'}}}";
  private static final String OTHER_ROLE =
      "{'type': 'AssumedRole', 'sessionContext': {'sessionIssuer': {'type': 'Role', 'userName':"
          + " 'ci-deployer'}}}";

  @Test
  void aRoleCreatedUnderThePathOutsideTheWorkflowTellsOps() {
    assertThat(
            targets(
                cloudTrail(
                    "CreateRole", "{'roleName': 'x', 'path': '/studio-lifecycle/'}", CONSOLE_USER)))
        .containsExactly("RoleTrustChangedRule -> " + opsTopic);
    assertThat(
            targets(
                cloudTrail(
                    "CreateRole", "{'roleName': 'x', 'path': '/studio-lifecycle/'}", OTHER_ROLE)))
        .containsExactly("RoleTrustChangedRule -> " + opsTopic);
  }

  @Test
  void anyTrustChangeOutsideTheWorkflowTellsOpsAndTheWorkflowsOwnWorkDoesNot() {
    assertThat(
            targets(
                cloudTrail("UpdateAssumeRolePolicy", "{'roleName': 'studio-jane'}", OTHER_ROLE)))
        .containsExactly("RoleTrustChangedRule -> " + opsTopic);
    assertThat(
            targets(
                cloudTrail(
                    "CreateRole",
                    "{'roleName': 'studio-jane', 'path': '/studio-lifecycle/'}",
                    WORKFLOW)))
        .isEmpty();
    assertThat(
            targets(cloudTrail("UpdateAssumeRolePolicy", "{'roleName': 'studio-jane'}", WORKFLOW)))
        .isEmpty();
    assertThat(
            targets(cloudTrail("CreateRole", "{'roleName': 'x', 'path': '/other/'}", CONSOLE_USER)))
        .as("a role outside the path is not the workflow's")
        .isEmpty();
  }

  @Test
  void anAccessAnalyzerFindingOnARoleUnderThePathTellsOps() {
    String finding =
        "{'version': '0', 'id': 'f1', 'source': 'aws.access-analyzer', 'account': '123456789012',"
            + " 'time': '2026-12-07T08:00:00Z', 'region': 'us-east-1', 'resources': [],"
            + " 'detail-type': 'Access Analyzer Finding', 'detail': {'status': 'ACTIVE',"
            + " 'resourceType': 'AWS::IAM::Role', 'resource':"
            + " 'arn:aws:iam::123456789012:role/studio-lifecycle/studio-jane'}}";

    assertThat(targets(finding)).containsExactly("ExternalAccessFindingRule -> " + opsTopic);
    assertThat(targets(finding.replace("role/studio-lifecycle/", "role/other/"))).isEmpty();
  }
}
