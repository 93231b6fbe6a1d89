package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalAccount;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An AWS::Events::EventBusPolicy adds one statement to its bus's policy, given as a Statement or in
 * the older form of PutPermission's Action, Principal and Condition (EventBridge API reference,
 * PutPermission and Condition). The older form is read as the statement EventBridge stores for it,
 * so the bus's policy is evaluated whichever form the template uses, and what PutPermission refuses
 * is refused when the template is read.
 */
class BusPolicyStatementTest {

  private static final String BUS =
      "Resources:\n  Bus:\n    Type: AWS::Events::EventBus\n    Properties: {Name: hr}\n"
          + "  BusPolicy:\n    Type: AWS::Events::EventBusPolicy\n";

  /** The bus policy's statement, its properties {@code properties} (a YAML flow mapping's). */
  private static JsonNode statement(String properties) {
    SamTemplate template =
        SamTemplate.parse(
            BUS + "    Properties: {EventBusName: !Ref Bus, " + properties + "}\n",
            Path.of("inline/template.yaml"),
            Map.of());
    return template.resourcePolicies().get(0).document().path("Statement").get(0);
  }

  @Test
  void theOlderFormIsTheStatementThatLetsTheAccountPutEventsOnTheBus() {
    JsonNode statement =
        statement("StatementId: HrAccount, Action: events:PutEvents, Principal: '111122223333'");

    assertThat(statement.path("Sid").asText()).isEqualTo("HrAccount");
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.at("/Principal/AWS").asText()).isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(statement.path("Action").asText()).isEqualTo("events:PutEvents");
    assertThat(statement.path("Resource").asText())
        .isEqualTo(LocalAccount.arn("events", "event-bus/hr"));
    assertThat(statement.has("Condition")).isFalse();
  }

  @Test
  void anOrganizationConditionLimitsEveryonesGrantToThatOrganization() {
    JsonNode statement =
        statement(
            "StatementId: HrOrganization, Action: events:PutEvents, Principal: '*', Condition:"
                + " {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-1234567890}");

    assertThat(statement.path("Principal").asText()).isEqualTo("*");
    assertThat(statement.at("/Condition/StringEquals/aws:PrincipalOrgID").asText())
        .isEqualTo("o-1234567890");
  }

  @Test
  void theStatementFormTakesItsStatementIdAsSid() {
    JsonNode statement =
        statement(
            "StatementId: OnlyHr, Statement: {Effect: Deny, Principal: '*', Action:"
                + " events:PutEvents, Resource: !GetAtt Bus.Arn}");

    assertThat(statement.path("Sid").asText()).isEqualTo("OnlyHr");
    assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Action: events:PutEvents, Principal: '111122223333'|.StatementId: is required for"
            + " AWS::Events::EventBusPolicy",
        "StatementId: HR account, Action: events:PutEvents, Principal: '111122223333'"
            + "|.StatementId: 'HR account'; PutPermission takes 1 to 64 letters, digits, hyphens"
            + " and underscores",
        // The bus policy's schema lists events:PutEvents as Action's one value.
        "StatementId: Hr, Action: events:PutRule, Principal: '111122223333'|: CloudFormation refuses"
            + " it: Properties validation failed for resource BusPolicy with message: #/Action:"
            + " events:PutRule is not a valid enum value",
        "StatementId: Hr, Principal: '111122223333'|.Action: is required without Statement; the"
            + " action PutPermission grants is events:PutEvents",
        "StatementId: Hr, Action: events:PutEvents, Principal: 'arn:aws:iam::111122223333:root'"
            + "|: CloudFormation refuses it: Properties validation failed for resource BusPolicy with"
            + " message: #/Principal: expected maxLength: 12, actual: 30",
        "StatementId: Hr, Action: events:PutEvents, Principal: '*', Condition: {Type: StringEquals,"
            + " Key: aws:SourceAccount, Value: '111122223333'}|.Condition: PutPermission's Condition"
            + " is {Type: StringEquals, Key: aws:PrincipalOrgID, Value: <the organization's id>}, got"
            + " {\"Type\":\"StringEquals\",\"Key\":\"aws:SourceAccount\",\"Value\":\"111122223333\"}",
        "StatementId: Hr, Principal: '111122223333', Statement: {Effect: Allow, Principal: '*',"
            + " Action: events:PutEvents, Resource: '*'}|.Principal: goes with the older form, not"
            + " with Statement; PutPermission takes one or the other"
      })
  void whatPutPermissionRefusesIsRefusedNamingTheProperty(String properties, String refusal) {
    assertThatThrownBy(() -> statement(properties))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Resources.BusPolicy.Properties" + refusal);
  }
}
