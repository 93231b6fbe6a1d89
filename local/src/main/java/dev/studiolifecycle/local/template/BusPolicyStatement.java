package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.LocalJson;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statement an AWS::Events::EventBusPolicy adds to its bus's policy, as EventBridge's
 * PutPermission takes it (EventBridge API reference, PutPermission and Condition; CloudFormation,
 * AWS::Events::EventBusPolicy): either a {@code Statement}, or the older form of {@code Action},
 * {@code Principal} and {@code Condition}, which EventBridge stores as the statement it stands for.
 * The two forms are not mixed ("You can include a Policy parameter in the request instead of using
 * the StatementId, Action, Principal, or Condition parameters"). The {@code StatementId} becomes
 * the statement's Sid.
 */
final class BusPolicyStatement {

  /** PutPermission's StatementId: 1 to 64 of these. */
  private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9-_]{1,64}");

  /** PutPermission's Principal: a 12-digit account id, or {@code *}. */
  private static final Pattern PRINCIPAL = Pattern.compile("\\d{12}|\\*");

  private static final List<String> OLDER_FORM = List.of("Action", "Principal", "Condition");

  private BusPolicyStatement() {}

  /**
   * @param properties the resource's properties, resolved
   * @param where {@code Resources.<logicalId>}, for refusals
   */
  static ObjectNode read(JsonNode properties, String busArn, String where) {
    String at = where + ".Properties";
    String statementId = properties.path("StatementId").asText("");
    if (!STATEMENT_ID.matcher(statementId).matches()) {
      throw new TemplateException(
          at
              + ".StatementId: "
              + (statementId.isEmpty() ? "is required" : "'" + statementId + "'")
              + "; PutPermission takes 1 to 64 letters, digits, hyphens and underscores");
    }
    List<String> older = OLDER_FORM.stream().filter(properties::has).toList();
    if (properties.has("Statement")) {
      if (!older.isEmpty()) {
        throw new TemplateException(
            at
                + "."
                + older.get(0)
                + ": goes with the older form, not with Statement; PutPermission takes one or"
                + " the other");
      }
      ObjectNode statement = properties.get("Statement").deepCopy();
      statement.put("Sid", statementId);
      return statement;
    }
    return olderForm(properties, busArn, statementId, at);
  }

  private static ObjectNode olderForm(
      JsonNode properties, String busArn, String statementId, String at) {
    String action = properties.path("Action").asText("");
    if (!action.equals("events:PutEvents")) {
      throw new TemplateException(
          at
              + ".Action: "
              + (action.isEmpty() ? "is required without Statement" : "'" + action + "'")
              + "; the action PutPermission grants is events:PutEvents");
    }
    String principal = properties.path("Principal").asText("");
    if (!PRINCIPAL.matcher(principal).matches()) {
      throw new TemplateException(
          at
              + ".Principal: "
              + (principal.isEmpty() ? "is required without Statement" : "'" + principal + "'")
              + "; PutPermission takes a 12-digit account id or *");
    }
    ObjectNode statement = LocalJson.MAPPER.createObjectNode();
    statement.put("Sid", statementId);
    statement.put("Effect", "Allow");
    if (principal.equals("*")) {
      statement.put("Principal", "*");
    } else {
      statement
          .putObject("Principal")
          .put("AWS", "arn:" + LocalAccount.PARTITION + ":iam::" + principal + ":root");
    }
    statement.put("Action", action);
    statement.put("Resource", busArn);
    JsonNode condition = properties.get("Condition");
    if (condition != null) {
      statement
          .putObject("Condition")
          .putObject("StringEquals")
          .put("aws:PrincipalOrgID", organization(condition, at + ".Condition"));
    }
    return statement;
  }

  /**
   * EventBridge API reference, Condition: "Currently the only supported key is aws:PrincipalOrgID",
   * "the only supported value is StringEquals", and the Value "must be the ID of the organization".
   */
  private static String organization(JsonNode condition, String at) {
    String value = condition.path("Value").asText("");
    if (!condition.path("Type").asText().equals("StringEquals")
        || !condition.path("Key").asText().equals("aws:PrincipalOrgID")
        || value.isEmpty()) {
      throw new TemplateException(
          at
              + ": PutPermission's Condition is {Type: StringEquals, Key: aws:PrincipalOrgID,"
              + " Value: <the organization's id>}, got "
              + condition);
    }
    return value;
  }
}
