package dev.studiolifecycle.local.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DynamoDB's condition and update expressions, as far as the emulator serves them (Developer Guide,
 * "Condition and filter expressions" and "Update expressions"):
 *
 * <ul>
 *   <li>conditions: {@code a = b}, {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code
 *       attribute_exists(a)}, {@code attribute_not_exists(a)}, {@code AND}, {@code OR}, {@code NOT}
 *       and parentheses;
 *   <li>updates: {@code SET a = :v, b = :w}.
 * </ul>
 *
 * <p>Operands are top-level attributes and values. An attribute must be named by an {@code
 * ExpressionAttributeNames} placeholder ({@code #name}): DynamoDB accepts a bare name unless it is
 * one of its 573 reserved words, and the emulator, not holding that list, refuses every bare name
 * rather than accept a reserved one. Anything else (functions such as {@code begins_with}, {@code
 * BETWEEN}, {@code IN}, nested paths, {@code REMOVE}, {@code ADD}, arithmetic) is refused with a
 * ValidationException that says the emulator does not serve it. Placeholders that an expression
 * uses but the request does not define, and defined ones that no expression uses, are refused as
 * DynamoDB refuses them.
 */
final class Expression {

  private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

  /** A condition over an item (null when the item does not exist). */
  sealed interface Condition {
    boolean test(Map<String, JsonNode> item);
  }

  private record Compare(Operand left, String comparator, Operand right) implements Condition {
    @Override
    public boolean test(Map<String, JsonNode> item) {
      JsonNode a = left.value(item);
      JsonNode b = right.value(item);
      if (a == null || b == null) {
        return false;
      }
      Integer order = compare(a, b);
      if (order == null) {
        // Values of different types are never equal and have no order.
        return comparator.equals("<>");
      }
      return switch (comparator) {
        case "=" -> order == 0;
        case "<>" -> order != 0;
        case "<" -> order < 0;
        case "<=" -> order <= 0;
        case ">" -> order > 0;
        default -> order >= 0;
      };
    }
  }

  private record Exists(String attribute, boolean exists) implements Condition {
    @Override
    public boolean test(Map<String, JsonNode> item) {
      return (item != null && item.containsKey(attribute)) == exists;
    }
  }

  private record Not(Condition inner) implements Condition {
    @Override
    public boolean test(Map<String, JsonNode> item) {
      return !inner.test(item);
    }
  }

  private record Both(Condition left, Condition right, boolean and) implements Condition {
    @Override
    public boolean test(Map<String, JsonNode> item) {
      return and ? left.test(item) && right.test(item) : left.test(item) || right.test(item);
    }
  }

  /** An attribute of the item, or a value of the request. */
  private record Operand(String attribute, JsonNode value) {
    JsonNode value(Map<String, JsonNode> item) {
      if (attribute == null) {
        return value;
      }
      return item == null ? null : item.get(attribute);
    }
  }

  private final List<String> tokens;
  private final Map<String, String> names;
  private final Map<String, JsonNode> values;
  private final Set<String> usedNames;
  private final Set<String> usedValues;
  private int position;

  private Expression(
      String text,
      Map<String, String> names,
      Map<String, JsonNode> values,
      Set<String> usedNames,
      Set<String> usedValues,
      String member) {
    this.tokens = tokenize(text, member);
    this.names = names;
    this.values = values;
    this.usedNames = usedNames;
    this.usedValues = usedValues;
  }

  /** The placeholders of one request and which of them its expressions used. */
  static final class Placeholders {
    private final Map<String, String> names;
    private final Map<String, JsonNode> values;
    private final Set<String> usedNames = new TreeSet<>();
    private final Set<String> usedValues = new TreeSet<>();

    Placeholders(Map<String, String> names, Map<String, JsonNode> values) {
      this.names = names;
      this.values = values;
    }

    Condition condition(String text) {
      Expression expression =
          new Expression(text, names, values, usedNames, usedValues, "ConditionExpression");
      Condition condition = expression.or();
      expression.end("ConditionExpression");
      return condition;
    }

    /** The attributes a {@code SET} expression assigns, with their new values, in order. */
    Map<String, JsonNode> set(String text) {
      Expression expression =
          new Expression(text, names, values, usedNames, usedValues, "UpdateExpression");
      return expression.setClause();
    }

    /**
     * Refuses placeholders defined but used by no expression (DynamoDB: "Value provided in
     * ExpressionAttributeNames unused in expressions").
     */
    void checkAllUsed() {
      Set<String> unusedNames = new TreeSet<>(names.keySet());
      unusedNames.removeAll(usedNames);
      if (!unusedNames.isEmpty()) {
        throw invalid(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                + String.join(", ", unusedNames)
                + "}");
      }
      Set<String> unusedValues = new TreeSet<>(values.keySet());
      unusedValues.removeAll(usedValues);
      if (!unusedValues.isEmpty()) {
        throw invalid(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                + String.join(", ", unusedValues)
                + "}");
      }
    }
  }

  private Map<String, JsonNode> setClause() {
    if (!"SET".equals(upper(peek()))) {
      throw invalid(
          "Invalid UpdateExpression: the emulator serves SET clauses only, got: " + peekText());
    }
    position++;
    Map<String, JsonNode> assignments = new LinkedHashMap<>();
    do {
      String attribute = attributeName(next("an attribute"));
      expect("=");
      String token = next("a value");
      if (!token.startsWith(":")) {
        throw invalid(
            "Invalid UpdateExpression: the emulator serves SET #name = :value only, got: " + token);
      }
      if (assignments.put(attribute, value(token)) != null) {
        throw invalid(
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or"
                + " rewrite one of these paths; path one: ["
                + attribute
                + "], path two: ["
                + attribute
                + "]");
      }
    } while (accept(","));
    end("UpdateExpression");
    return assignments;
  }

  private Condition or() {
    Condition left = and();
    while ("OR".equals(upper(peek()))) {
      position++;
      left = new Both(left, and(), false);
    }
    return left;
  }

  private Condition and() {
    Condition left = not();
    while ("AND".equals(upper(peek()))) {
      position++;
      left = new Both(left, not(), true);
    }
    return left;
  }

  private Condition not() {
    if ("NOT".equals(upper(peek()))) {
      position++;
      return new Not(not());
    }
    return primary();
  }

  private Condition primary() {
    if (accept("(")) {
      Condition inner = or();
      expect(")");
      return inner;
    }
    String token = next("an operand");
    String function = token.toLowerCase(Locale.ROOT);
    if (function.equals("attribute_exists") || function.equals("attribute_not_exists")) {
      expect("(");
      String attribute = attributeName(next("an attribute"));
      expect(")");
      return new Exists(attribute, function.equals("attribute_exists"));
    }
    if ("(".equals(peek())) {
      throw invalid(
          "Invalid ConditionExpression: the emulator serves the functions attribute_exists and"
              + " attribute_not_exists only; got: "
              + token);
    }
    Operand left = operand(token);
    String comparator = next("a comparator");
    if (!COMPARATORS.contains(comparator)) {
      throw invalid(
          "Invalid ConditionExpression: the emulator serves =, <>, <, <=, >, >=, attribute_exists,"
              + " attribute_not_exists, AND, OR, NOT and parentheses; got: "
              + comparator);
    }
    return new Compare(left, comparator, operand(next("an operand")));
  }

  private Operand operand(String token) {
    if (token.startsWith(":")) {
      return new Operand(null, value(token));
    }
    return new Operand(attributeName(token), null);
  }

  private String attributeName(String token) {
    if (!token.startsWith("#")) {
      throw invalid(
          "Invalid expression: the emulator needs every attribute named by an"
              + " ExpressionAttributeNames placeholder (#name), as it does not hold DynamoDB's"
              + " reserved words; got: "
              + token);
    }
    String name = names.get(token);
    if (name == null) {
      throw invalid(
          "Invalid expression: An expression attribute name used in the document path is not"
              + " defined; attribute name: "
              + token);
    }
    usedNames.add(token);
    return name;
  }

  private JsonNode value(String token) {
    JsonNode value = values.get(token);
    if (value == null) {
      throw invalid(
          "Invalid expression: An expression attribute value used in expression is not defined;"
              + " attribute value: "
              + token);
    }
    usedValues.add(token);
    return value;
  }

  /**
   * The order of two attribute values of one scalar type (S by code point, N by number), or null
   * when they cannot be compared.
   */
  static Integer compare(JsonNode a, JsonNode b) {
    if (a.has("S") && b.has("S")) {
      return Integer.signum(a.get("S").asText().compareTo(b.get("S").asText()));
    }
    if (a.has("N") && b.has("N")) {
      return new BigDecimal(a.get("N").asText()).compareTo(new BigDecimal(b.get("N").asText()));
    }
    if (a.has("BOOL") && b.has("BOOL")) {
      return a.get("BOOL").asBoolean() == b.get("BOOL").asBoolean() ? 0 : null;
    }
    return null;
  }

  private void end(String member) {
    if (position < tokens.size()) {
      throw invalid(
          "Invalid " + member + ": Syntax error; token: \"" + tokens.get(position) + "\"");
    }
  }

  private String peek() {
    return position < tokens.size() ? tokens.get(position) : null;
  }

  private String peekText() {
    String token = peek();
    return token == null ? "(end of expression)" : token;
  }

  private String next(String what) {
    if (position >= tokens.size()) {
      throw invalid("Invalid expression: Syntax error; expected " + what + " at the end");
    }
    return tokens.get(position++);
  }

  private boolean accept(String token) {
    if (token.equals(peek())) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw invalid("Invalid expression: Syntax error; expected " + token + ", got: " + peekText());
    }
  }

  private static String upper(String token) {
    return token == null ? null : token.toUpperCase(Locale.ROOT);
  }

  private static List<String> tokenize(String text, String member) {
    if (text.isBlank()) {
      throw invalid("Invalid " + member + ": The expression can not be empty;");
    }
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("(),=".indexOf(c) >= 0) {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '<' || c == '>') {
        boolean twoChars =
            i + 1 < text.length()
                && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'));
        tokens.add(text.substring(i, twoChars ? i + 2 : i + 1));
        i += twoChars ? 2 : 1;
      } else if (c == '#' || c == ':' || Character.isLetterOrDigit(c) || c == '_') {
        int start = i++;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        throw invalid(
            "Invalid " + member + ": the emulator does not serve the character '" + c + "'");
      }
    }
    return tokens;
  }

  static AwsServiceError invalid(String message) {
    return AwsServiceError.badRequest("ValidationException", message);
  }
}
