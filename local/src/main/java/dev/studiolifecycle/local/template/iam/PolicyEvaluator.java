package dev.studiolifecycle.local.template.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.template.PolicyStatement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluates identity policy statements for one request as IAM does within an account: an explicit
 * Deny wins, otherwise an Allow whose action, resource and every condition match allows, otherwise
 * the request is implicitly denied. Actions match case-insensitively with {@code *} and {@code ?};
 * resources case-sensitively. Condition operators: String and Arn (Equals, NotEquals, Like,
 * NotLike), Bool, Null, each with {@code IfExists}, and the {@code ForAnyValue:} / {@code
 * ForAllValues:} set qualifiers.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {}

  /** The outcome, with the statement that decided it. */
  public record Decision(boolean allowed, PolicyStatement decidedBy, String reason) {

    public Optional<PolicyStatement> statement() {
      return Optional.ofNullable(decidedBy);
    }
  }

  /**
   * Evaluates a request.
   *
   * @throws IllegalArgumentException when a matching statement uses a condition operator this
   *     evaluator does not know (so an unchecked condition can never pass silently)
   */
  public static Decision evaluate(List<PolicyStatement> statements, IamRequest request) {
    PolicyStatement allow = null;
    for (PolicyStatement statement : statements) {
      if (!appliesTo(statement, request)) {
        continue;
      }
      if (statement.effect() == PolicyStatement.Effect.DENY) {
        return new Decision(false, statement, "explicitly denied by " + statement.name());
      }
      if (allow == null) {
        allow = statement;
      }
    }
    return allow != null
        ? new Decision(true, allow, "allowed by " + allow.name())
        : new Decision(false, null, "no statement allows " + request);
  }

  /** Whether the statement's action, resource and conditions all match the request. */
  public static boolean appliesTo(PolicyStatement statement, IamRequest request) {
    boolean action =
        statement.actions().isEmpty()
            ? statement.notActions().stream().noneMatch(a -> actionMatches(a, request.action()))
            : statement.actions().stream().anyMatch(a -> actionMatches(a, request.action()));
    if (!action) {
      return false;
    }
    boolean resource =
        statement.resources().isEmpty()
            ? statement.notResources().stream().noneMatch(r -> like(r, request.resource(), false))
            : statement.resources().stream().anyMatch(r -> like(r, request.resource(), false));
    return resource && conditionsHold(statement, request.context());
  }

  /** Whether a policy's action pattern names an action. */
  public static boolean actionMatches(String pattern, String action) {
    return like(pattern, action, true);
  }

  private static boolean conditionsHold(
      PolicyStatement statement, Map<String, List<String>> context) {
    JsonNode condition = statement.condition();
    for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operator = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
          keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        List<String> expected = new ArrayList<>();
        if (key.getValue().isArray()) {
          key.getValue().forEach(v -> expected.add(v.asText()));
        } else {
          expected.add(key.getValue().asText());
        }
        List<String> actual = lookUp(context, key.getKey());
        if (!holds(operator.getKey(), actual, expected, statement.name())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Condition keys are case-insensitive; tag keys inside them are matched as written. */
  private static List<String> lookUp(Map<String, List<String>> context, String key) {
    for (Map.Entry<String, List<String>> entry : context.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(key)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static boolean holds(
      String operator, List<String> actual, List<String> expected, String where) {
    String op = operator;
    String qualifier = "";
    int colon = op.indexOf(':');
    if (colon > 0) {
      qualifier = op.substring(0, colon);
      op = op.substring(colon + 1);
    }
    boolean ifExists = op.endsWith("IfExists");
    if (ifExists) {
      op = op.substring(0, op.length() - "IfExists".length());
    }
    if (op.equals("Null")) {
      boolean wantsAbsent = Boolean.parseBoolean(expected.get(0));
      return wantsAbsent == (actual == null);
    }
    boolean negated = op.contains("Not");
    String base = op.replace("Not", "");
    ValueTest test =
        switch (base) {
          case "StringEquals", "ArnEquals" -> (value, wanted) -> value.equals(wanted);
          case "StringEqualsIgnoreCase" -> (value, wanted) -> value.equalsIgnoreCase(wanted);
          case "StringLike", "ArnLike" -> (value, wanted) -> like(wanted, value, false);
          case "Bool" -> (value, wanted) -> value.equalsIgnoreCase(wanted);
          default ->
              throw new IllegalArgumentException(
                  where
                      + ": condition operator "
                      + operator
                      + " is not supported by the local policy evaluator");
        };
    if (!qualifier.isEmpty()
        && !qualifier.equals("ForAnyValue")
        && !qualifier.equals("ForAllValues")) {
      throw new IllegalArgumentException(
          where
              + ": condition qualifier "
              + qualifier
              + " is not supported by the local policy evaluator");
    }
    if (actual == null) {
      // A missing key matches no value: a negated operator then holds, IfExists holds.
      return ifExists || negated;
    }
    boolean all = qualifier.equals("ForAllValues");
    boolean result = all;
    for (String value : actual) {
      boolean matches = expected.stream().anyMatch(wanted -> test.matches(value, wanted));
      if (all && !matches) {
        result = false;
        break;
      }
      if (!all && matches) {
        result = true;
        break;
      }
    }
    return negated ? !result : result;
  }

  private interface ValueTest {
    boolean matches(String value, String wanted);
  }

  /** IAM's wildcard match: {@code *} any run of characters, {@code ?} one character. */
  static boolean like(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    return Pattern.compile(regex.toString(), flags).matcher(value).matches();
  }
}
