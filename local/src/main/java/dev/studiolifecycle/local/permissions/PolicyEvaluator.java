package dev.studiolifecycle.local.permissions;

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
 * ForAllValues:} set qualifiers. Policy variables ({@link PolicyVariables}) are read in Resource,
 * NotResource and the values of String and Arn conditions of 2012-10-17 policies.
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
   * Whether a statement applies to a request. {@code UNRESOLVED}: it would apply but for a policy
   * variable with no value here; the guide says such a statement may be invalid, and this evaluator
   * reads it strictly (it allows nothing, and a Deny denies).
   */
  private enum Match {
    YES,
    NO,
    UNRESOLVED
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
      Match match = match(statement, request);
      if (statement.effect() == PolicyStatement.Effect.DENY && match != Match.NO) {
        return new Decision(
            false,
            statement,
            "explicitly denied by "
                + statement.name()
                + (match == Match.UNRESOLVED
                    ? " (it uses a policy variable with no value in this request)"
                    : ""));
      }
      if (statement.effect() == PolicyStatement.Effect.ALLOW
          && match == Match.YES
          && allow == null) {
        allow = statement;
      }
    }
    return allow != null
        ? new Decision(true, allow, "allowed by " + allow.name())
        : new Decision(false, null, "no statement allows " + request);
  }

  /** Whether a policy's action pattern names an action. */
  public static boolean actionMatches(String pattern, String action) {
    return like(pattern, action, true);
  }

  private static Match match(PolicyStatement statement, IamRequest request) {
    boolean action =
        statement.actions().isEmpty()
            ? statement.notActions().stream().noneMatch(a -> actionMatches(a, request.action()))
            : statement.actions().stream().anyMatch(a -> actionMatches(a, request.action()));
    if (!action) {
      return Match.NO;
    }
    boolean unresolved = false;
    if (!statement.resources().isEmpty()) {
      // A Resource whose variable has no value matches no resource (the guide's own example).
      boolean any = false;
      for (String pattern : statement.resources()) {
        Optional<Pattern> resource = resourcePattern(statement, pattern, request);
        if (resource.isPresent() && resource.get().matcher(request.resource()).matches()) {
          any = true;
          break;
        }
      }
      if (!any) {
        return Match.NO;
      }
    } else {
      for (String pattern : statement.notResources()) {
        Optional<Pattern> resource = resourcePattern(statement, pattern, request);
        if (resource.isEmpty()) {
          unresolved = true;
        } else if (resource.get().matcher(request.resource()).matches()) {
          return Match.NO;
        }
      }
    }
    Match conditions = conditionsHold(statement, request.context());
    if (conditions == Match.NO) {
      return Match.NO;
    }
    return unresolved || conditions == Match.UNRESOLVED ? Match.UNRESOLVED : Match.YES;
  }

  private static Optional<Pattern> resourcePattern(
      PolicyStatement statement, String pattern, IamRequest request) {
    return PolicyVariables.compile(pattern, statement.variables(), true, false, request.context());
  }

  private static Match conditionsHold(
      PolicyStatement statement, Map<String, List<String>> context) {
    JsonNode condition = statement.condition();
    boolean unresolved = false;
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
        Match holds = holds(operator.getKey(), actual, expected, statement, context);
        if (holds == Match.NO) {
          return Match.NO;
        }
        unresolved |= holds == Match.UNRESOLVED;
      }
    }
    return unresolved ? Match.UNRESOLVED : Match.YES;
  }

  /** Condition keys are case-insensitive; tag keys inside them are matched as written. */
  static List<String> lookUp(Map<String, List<String>> context, String key) {
    for (Map.Entry<String, List<String>> entry : context.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(key)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static Match holds(
      String operator,
      List<String> actual,
      List<String> expected,
      PolicyStatement statement,
      Map<String, List<String>> context) {
    String where = statement.name();
    String qualifier = qualifier(operator, where);
    String op = operator.substring(qualifier.isEmpty() ? 0 : qualifier.length() + 1);
    boolean ifExists = op.endsWith("IfExists");
    if (ifExists) {
      op = op.substring(0, op.length() - "IfExists".length());
    }
    if (op.equals("Null")) {
      boolean wantsAbsent = Boolean.parseBoolean(expected.get(0));
      return wantsAbsent == (actual == null) ? Match.YES : Match.NO;
    }
    boolean negated = op.contains("Not");
    String base = op.replace("Not", "");
    // IAM User Guide, condition operators: ArnEquals and ArnLike both match with wildcards.
    boolean wildcards;
    boolean ignoreCase = false;
    switch (base) {
      case "StringEquals" -> wildcards = false;
      case "StringEqualsIgnoreCase" -> {
        wildcards = false;
        ignoreCase = true;
      }
      case "StringLike", "ArnLike", "ArnEquals" -> wildcards = true;
      case "Bool" -> {
        return bool(negated, ifExists, qualifier, actual, expected);
      }
      default ->
          throw new IllegalArgumentException(
              where
                  + ": condition operator "
                  + operator
                  + " is not supported by the local policy evaluator");
    }
    List<Pattern> wanted = new ArrayList<>();
    for (String value : expected) {
      Optional<Pattern> pattern =
          PolicyVariables.compile(value, statement.variables(), wildcards, ignoreCase, context);
      if (pattern.isEmpty()) {
        return Match.UNRESOLVED;
      }
      wanted.add(pattern.get());
    }
    return setTest(
            negated,
            ifExists,
            qualifier,
            actual,
            value -> wanted.stream().anyMatch(p -> p.matcher(value).matches()))
        ? Match.YES
        : Match.NO;
  }

  /** The set qualifier of a condition operator ({@code ForAnyValue:StringLike}), or "". */
  private static String qualifier(String operator, String where) {
    int colon = operator.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    String qualifier = operator.substring(0, colon);
    if (!qualifier.equals("ForAnyValue") && !qualifier.equals("ForAllValues")) {
      throw new IllegalArgumentException(
          where
              + ": condition qualifier "
              + qualifier
              + " is not supported by the local policy evaluator");
    }
    return qualifier;
  }

  private static Match bool(
      boolean negated,
      boolean ifExists,
      String qualifier,
      List<String> actual,
      List<String> expected) {
    return setTest(
            negated,
            ifExists,
            qualifier,
            actual,
            value -> expected.stream().anyMatch(value::equalsIgnoreCase))
        ? Match.YES
        : Match.NO;
  }

  /** One condition key against its values, with IfExists and the set qualifiers. */
  private static boolean setTest(
      boolean negated,
      boolean ifExists,
      String qualifier,
      List<String> actual,
      java.util.function.Predicate<String> matches) {
    if (actual == null) {
      // A missing key matches no value: a negated operator then holds, IfExists holds.
      return ifExists || negated;
    }
    boolean all = qualifier.equals("ForAllValues");
    boolean result = all;
    for (String value : actual) {
      boolean hit = matches.test(value);
      if (all && !hit) {
        result = false;
        break;
      }
      if (!all && hit) {
        result = true;
        break;
      }
    }
    return negated ? !result : result;
  }

  /** IAM's wildcard match: {@code *} any run of characters, {@code ?} one character. */
  static boolean like(String pattern, String value, boolean ignoreCase) {
    return PolicyVariables.compile(pattern, false, true, ignoreCase, Map.of())
        .orElseThrow()
        .matcher(value)
        .matches();
  }
}
