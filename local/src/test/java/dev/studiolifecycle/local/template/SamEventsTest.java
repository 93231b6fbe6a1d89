package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SAM's events: a type the transform does not know fails `sam deploy`; a type the local runtime
 * does not deliver would leave a trigger that AWS fires and the local runtime never does.
 */
class SamEventsTest {

  private static final String FUNCTION =
      "Transform: AWS::Serverless-2016-10-31\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
          + "  F:\n    Type: AWS::Serverless::Function\n"
          + "    Properties:\n      Handler: a.B\n      Runtime: java21\n      Events:\n";

  private static SamTemplate parse(String events) {
    return SamTemplate.parse(FUNCTION + events, Path.of("inline/template.yaml"), Map.of());
  }

  @Test
  void snsAndEventBridgeEventsAreDelivered() {
    assertThat(
            parse(
                    "        Hr: {Type: SNS, Properties: {Topic: !Ref Topic}}\n"
                        + "        Joiner: {Type: EventBridgeRule, Properties: {Pattern: {source:"
                        + " [hr]}}}\n")
                .eventRules())
        .hasSize(1);
  }

  @Test
  void aMisspeltEventTypeIsRefusedAsTheSamTransformRefusesIt() {
    assertThatThrownBy(
            () -> parse("        Joiner: {Type: EventBridgeRules, Properties: {Pattern: {}}}\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "Resources.F.Properties.Events.Joiner.Type: 'EventBridgeRules' is not an event type of"
                + " AWS::Serverless::Function, so the SAM transform refuses it (it takes AlexaSkill,"
                + " Api, ");
  }

  @Test
  void anEventTheLocalRuntimeDoesNotDeliverIsRefusedRatherThanLeftSilent() {
    assertThatThrownBy(
            () ->
                parse("        Nightly: {Type: Schedule, Properties: {Schedule: 'rate(1 day)'}}\n"))
        .hasMessage(
            "Resources.F.Properties.Events.Nightly.Type: Schedule events are not delivered by the"
                + " local runtime, which delivers SNS, EventBridgeRule and CloudWatchEvent (for a"
                + " schedule, an AWS::Scheduler::Schedule resource)");
  }

  @Test
  void anEventTakesOnlyThePropertiesTheTranslatorDefinesForItsType() {
    assertThatThrownBy(() -> parse("        Hr: {Type: SNS, Properties: {Topc: !Ref Topic}}\n"))
        .hasMessage(
            "Resources.F.Properties.Events.Hr.Properties.Topc: the SAM transform refuses it:"
                + " Resource with id [FHr] is invalid. property Topc not defined for resource of"
                + " type SNS");
    // A function's rule event takes Enabled; a state machine's does not (it has State only).
    assertThat(
            parse(
                    "        Joiner: {Type: EventBridgeRule, Properties: {Pattern: {source: [hr]},"
                        + " Enabled: true}}\n")
                .eventRules())
        .hasSize(1);
    assertThatThrownBy(
            () ->
                SamTemplate.parse(
                    "Transform: AWS::Serverless-2016-10-31\nResources:\n  M:\n"
                        + "    Type: AWS::Serverless::StateMachine\n    Properties:\n"
                        + "      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n"
                        + "      Events:\n        Joiner: {Type: EventBridgeRule, Properties:"
                        + " {Pattern: {source: [hr]}, Enabled: true}}\n",
                    Path.of("inline/template.yaml"),
                    Map.of()))
        .hasMessageEndingWith(
            "Resource with id [MJoiner] is invalid. property Enabled not defined for resource of"
                + " type EventBridgeRule");
  }

  @Test
  void anSnsEventIsCheckedAsTheSubscriptionSamGeneratesForIt() {
    assertThatThrownBy(
            () ->
                parse(
                    "        Hr: {Type: SNS, Properties: {Topic: !Ref Topic, FilterPolicy:"
                        + " [eventType]}}\n"))
        .hasMessage(
            "Resources.F.Properties.Events.Hr: CloudFormation refuses it: Properties validation"
                + " failed for resource FHr with message: #/FilterPolicy: expected type is one of"
                + " JSONObject, String, found: JSONArray");
  }
}
