package dev.studiolifecycle.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An EventBridge event pattern, matched as EventBridge matches it: every field of the pattern must
 * match (nested objects recurse into the event), a field's list of values or comparison operators
 * matches when any of them matches, an event array matches when any of its elements does, and a
 * field the event lacks matches only {@code {"exists": false}}. Supported operators: exact values
 * (strings, numbers, booleans, null), {@code prefix} and {@code suffix} (also with {@code
 * equals-ignore-case}), {@code equals-ignore-case}, {@code wildcard}, {@code anything-but} (a
 * value, a list, or a prefix, suffix, equals-ignore-case or wildcard), {@code numeric}, {@code
 * exists}, {@code cidr} and {@code $or}.
 */
public final class EventPattern {

  private final JsonNode source;
  private final ObjectRule root;

  private EventPattern(JsonNode source, ObjectRule root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Reads a pattern.
   *
   * @param where names the pattern in errors, e.g. {@code Resources.X.Properties.EventPattern}
   * @throws EventPatternException naming the field and the rule it breaks
   */
  public static EventPattern parse(JsonNode pattern, String where) {
    if (pattern == null || !pattern.isObject() || pattern.isEmpty()) {
      throw new EventPatternException(
          where + ": an event pattern must be a non-empty JSON " + "object");
    }
    return new EventPattern(pattern.deepCopy(), object(pattern, where));
  }

  /** Whether the event matches. */
  public boolean matches(JsonNode event) {
    return root.matches(event == null ? MissingNode.getInstance() : event);
  }

  /** The pattern as written. */
  public JsonNode json() {
    return source.deepCopy();
  }

  /**
   * The field paths that every matching event has ({@code [detail, employee, userName]}): those
   * whose values or operators all need the field to be there. What {@code $or} requires counts when
   * every alternative requires it.
   */
  public Set<List<String>> requiredPaths() {
    return root.requiredPaths(List.of());
  }

  /** Whether every event this pattern matches has a value at {@code path} (a field path). */
  public boolean guarantees(List<String> path) {
    for (List<String> required : requiredPaths()) {
      if (required.size() >= path.size() && required.subList(0, path.size()).equals(path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return source.toString();
  }

  // ------------------------------------------------------------------ the pattern's structure

  private interface Rule {
    boolean matches(JsonNode value);

    Set<List<String>> requiredPaths(List<String> at);
  }

  private record ObjectRule(Map<String, Rule> fields, List<ObjectRule> alternatives)
      implements Rule {

    @Override
    public boolean matches(JsonNode value) {
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (element.isObject() && matches(element)) {
            return true;
          }
        }
        return false;
      }
      JsonNode object = value.isObject() ? value : MissingNode.getInstance();
      for (Map.Entry<String, Rule> field : fields.entrySet()) {
        JsonNode child = object.path(field.getKey());
        if (!field.getValue().matches(child)) {
          return false;
        }
      }
      if (alternatives.isEmpty()) {
        return true;
      }
      for (ObjectRule alternative : alternatives) {
        if (alternative.matches(object)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Set<List<String>> requiredPaths(List<String> at) {
      Set<List<String>> required = new HashSet<>();
      fields.forEach(
          (name, rule) -> {
            List<String> path = new ArrayList<>(at);
            path.add(name);
            required.addAll(rule.requiredPaths(List.copyOf(path)));
          });
      if (!alternatives.isEmpty()) {
        Set<List<String>> common = null;
        for (ObjectRule alternative : alternatives) {
          Set<List<String>> paths = alternative.requiredPaths(at);
          if (common == null) {
            common = new HashSet<>(paths);
          } else {
            common.retainAll(paths);
          }
        }
        required.addAll(common);
      }
      return required;
    }
  }

  private record LeafRule(List<Matcher> matchers) implements Rule {

    @Override
    public boolean matches(JsonNode value) {
      List<JsonNode> leaves = leaves(value);
      for (Matcher matcher : matchers) {
        if (matcher instanceof Exists exists) {
          if (exists.present() != leaves.isEmpty()) {
            return true;
          }
          continue;
        }
        for (JsonNode leaf : leaves) {
          if (matcher.matches(leaf)) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public Set<List<String>> requiredPaths(List<String> at) {
      for (Matcher matcher : matchers) {
        if (matcher instanceof Exists exists && !exists.present()) {
          return Set.of();
        }
      }
      return Set.of(at);
    }

    /** The scalar values of a field: itself, or the scalars of an array, flattened. */
    private static List<JsonNode> leaves(JsonNode value) {
      List<JsonNode> leaves = new ArrayList<>();
      if (value == null || value.isMissingNode() || value.isObject()) {
        return leaves;
      }
      if (value.isArray()) {
        for (JsonNode element : value) {
          leaves.addAll(leaves(element));
        }
        return leaves;
      }
      leaves.add(value);
      return leaves;
    }
  }

  // ------------------------------------------------------------------ comparison operators

  private interface Matcher {
    boolean matches(JsonNode leaf);
  }

  private record Exact(JsonNode value) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      if (value.isNumber() && leaf.isNumber()) {
        return value.decimalValue().compareTo(leaf.decimalValue()) == 0;
      }
      return value.equals(leaf);
    }
  }

  private record Prefix(String prefix, boolean ignoreCase) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      return leaf.isTextual()
          && (ignoreCase
              ? leaf.asText().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
              : leaf.asText().startsWith(prefix));
    }
  }

  private record Suffix(String suffix, boolean ignoreCase) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      return leaf.isTextual()
          && (ignoreCase
              ? leaf.asText().toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT))
              : leaf.asText().endsWith(suffix));
    }
  }

  private record EqualsIgnoreCase(String value) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      return leaf.isTextual() && leaf.asText().equalsIgnoreCase(value);
    }
  }

  private record Wildcard(Pattern regex) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      return leaf.isTextual() && regex.matcher(leaf.asText()).matches();
    }
  }

  private record AnythingBut(List<Matcher> excluded) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      for (Matcher matcher : excluded) {
        if (matcher.matches(leaf)) {
          return false;
        }
      }
      return true;
    }
  }

  private record Numeric(List<String> operators, List<BigDecimal> bounds) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      if (!leaf.isNumber()) {
        return false;
      }
      BigDecimal number = leaf.decimalValue();
      for (int i = 0; i < operators.size(); i++) {
        int c = number.compareTo(bounds.get(i));
        boolean ok =
            switch (operators.get(i)) {
              case "=" -> c == 0;
              case "<" -> c < 0;
              case "<=" -> c <= 0;
              case ">" -> c > 0;
              default -> c >= 0;
            };
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }

  private record Exists(boolean present) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      return present;
    }
  }

  private record Cidr(byte[] network, int prefixLength) implements Matcher {
    @Override
    public boolean matches(JsonNode leaf) {
      if (!leaf.isTextual() || !looksLikeAddress(leaf.asText())) {
        return false;
      }
      byte[] address;
      try {
        address = InetAddress.getByName(leaf.asText()).getAddress();
      } catch (UnknownHostException e) {
        return false;
      }
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefixLength; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  // ------------------------------------------------------------------ parsing

  private static ObjectRule object(JsonNode node, String where) {
    Map<String, Rule> fields = new LinkedHashMap<>();
    List<ObjectRule> alternatives = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String at = where + "." + field.getKey();
      JsonNode value = field.getValue();
      if (field.getKey().equals("$or")) {
        if (!value.isArray() || value.size() < 2) {
          throw new EventPatternException(at + ": $or takes a list of at least two patterns");
        }
        for (int i = 0; i < value.size(); i++) {
          if (!value.get(i).isObject() || value.get(i).isEmpty()) {
            throw new EventPatternException(
                at + "[" + i + "]: each $or alternative must be a " + "non-empty object");
          }
          alternatives.add(object(value.get(i), at + "[" + i + "]"));
        }
      } else if (value.isObject()) {
        if (value.isEmpty()) {
          throw new EventPatternException(at + ": must not be an empty object");
        }
        fields.put(field.getKey(), object(value, at));
      } else if (value.isArray()) {
        if (value.isEmpty()) {
          throw new EventPatternException(at + ": must list at least one value or operator");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          matchers.add(matcher(value.get(i), at + "[" + i + "]"));
        }
        fields.put(field.getKey(), new LeafRule(List.copyOf(matchers)));
      } else {
        throw new EventPatternException(
            at
                + ": must be an object or a list of values; "
                + "EventBridge does not accept a bare "
                + kind(value)
                + " here (write ["
                + value
                + "])");
      }
    }
    return new ObjectRule(fields, List.copyOf(alternatives));
  }

  private static Matcher matcher(JsonNode node, String where) {
    if (node.isValueNode()) {
      return new Exact(node);
    }
    if (!node.isObject() || node.size() != 1) {
      throw new EventPatternException(
          where + ": must be a value or an object with exactly one " + "comparison operator");
    }
    String operator = node.fieldNames().next();
    JsonNode argument = node.get(operator);
    String at = where + "." + operator;
    return switch (operator) {
      case "prefix" -> {
        IgnoringCase text = textOrIgnoreCase(argument, at);
        yield new Prefix(text.text(), text.ignoreCase());
      }
      case "suffix" -> {
        IgnoringCase text = textOrIgnoreCase(argument, at);
        yield new Suffix(text.text(), text.ignoreCase());
      }
      case "equals-ignore-case" -> new EqualsIgnoreCase(text(argument, at));
      case "wildcard" -> new Wildcard(wildcard(text(argument, at), at));
      case "anything-but" -> anythingBut(argument, at);
      case "numeric" -> numeric(argument, at);
      case "exists" -> {
        if (!argument.isBoolean()) {
          throw new EventPatternException(at + ": must be true or false");
        }
        yield new Exists(argument.asBoolean());
      }
      case "cidr" -> cidr(text(argument, at), at);
      default ->
          throw new EventPatternException(
              where + ": unknown comparison operator '" + operator + "'");
    };
  }

  private record IgnoringCase(String text, boolean ignoreCase) {}

  private static IgnoringCase textOrIgnoreCase(JsonNode argument, String where) {
    if (argument.isObject() && argument.size() == 1 && argument.has("equals-ignore-case")) {
      return new IgnoringCase(
          text(argument.get("equals-ignore-case"), where + ".equals-ignore-case"), true);
    }
    return new IgnoringCase(text(argument, where), false);
  }

  private static Matcher anythingBut(JsonNode argument, String where) {
    List<Matcher> excluded = new ArrayList<>();
    if (argument.isTextual() || argument.isNumber()) {
      excluded.add(new Exact(argument));
    } else if (argument.isArray()) {
      if (argument.isEmpty()) {
        throw new EventPatternException(where + ": must list at least one value");
      }
      for (int i = 0; i < argument.size(); i++) {
        JsonNode value = argument.get(i);
        if (!value.isTextual() && !value.isNumber()) {
          throw new EventPatternException(where + "[" + i + "]: must be a string or a number");
        }
        excluded.add(new Exact(value));
      }
    } else if (argument.isObject() && argument.size() == 1) {
      String operator = argument.fieldNames().next();
      JsonNode value = argument.get(operator);
      String at = where + "." + operator;
      switch (operator) {
        case "prefix" -> excluded.add(new Prefix(text(value, at), false));
        case "suffix" -> excluded.add(new Suffix(text(value, at), false));
        case "equals-ignore-case" -> {
          for (String text : texts(value, at)) {
            excluded.add(new EqualsIgnoreCase(text));
          }
        }
        case "wildcard" -> {
          for (String text : texts(value, at)) {
            excluded.add(new Wildcard(wildcard(text, at)));
          }
        }
        default ->
            throw new EventPatternException(
                where
                    + ": anything-but takes a value, a "
                    + "list, or prefix, suffix, equals-ignore-case or wildcard; not '"
                    + operator
                    + "'");
      }
    } else {
      throw new EventPatternException(
          where
              + ": anything-but takes a string, a number, a list "
              + "of them, or an object with one operator");
    }
    return new AnythingBut(List.copyOf(excluded));
  }

  private static Matcher numeric(JsonNode argument, String where) {
    if (!argument.isArray()
        || argument.isEmpty()
        || argument.size() % 2 != 0
        || argument.size() > 4) {
      throw new EventPatternException(
          where
              + ": must be a list of one or two (operator, number) "
              + "pairs, e.g. [\">\", 0, \"<=\", 5]");
    }
    List<String> operators = new ArrayList<>();
    List<BigDecimal> bounds = new ArrayList<>();
    for (int i = 0; i < argument.size(); i += 2) {
      JsonNode operator = argument.get(i);
      JsonNode bound = argument.get(i + 1);
      if (!operator.isTextual() || !Set.of("=", "<", "<=", ">", ">=").contains(operator.asText())) {
        throw new EventPatternException(where + "[" + i + "]: must be one of =, <, <=, >, >=");
      }
      if (!bound.isNumber()) {
        throw new EventPatternException(where + "[" + (i + 1) + "]: must be a number");
      }
      operators.add(operator.asText());
      bounds.add(bound.decimalValue());
    }
    return new Numeric(List.copyOf(operators), List.copyOf(bounds));
  }

  private static Matcher cidr(String text, String where) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    if (!looksLikeAddress(address)) {
      throw new EventPatternException(where + ": '" + text + "' is not an IP address range");
    }
    byte[] network;
    try {
      network = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new EventPatternException(where + ": '" + text + "' is not an IP address range");
    }
    int length;
    try {
      length = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new EventPatternException(where + ": '" + text + "' has no valid prefix length");
    }
    if (length < 0 || length > network.length * 8) {
      throw new EventPatternException(where + ": prefix length " + length + " is out of range");
    }
    return new Cidr(network, length);
  }

  /** Keeps InetAddress from resolving host names: only literal addresses are ranges. */
  private static boolean looksLikeAddress(String text) {
    return text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
  }

  private static Pattern wildcard(String text, String where) {
    if (text.contains("**")) {
      throw new EventPatternException(where + ": '" + text + "' has consecutive wildcards");
    }
    StringBuilder regex = new StringBuilder();
    String[] parts = text.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static String text(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw new EventPatternException(where + ": must be a string");
    }
    return node.asText();
  }

  private static List<String> texts(JsonNode node, String where) {
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (node.isArray() && !node.isEmpty()) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        texts.add(text(node.get(i), where + "[" + i + "]"));
      }
      return texts;
    }
    throw new EventPatternException(where + ": must be a string or a list of strings");
  }

  private static String kind(JsonNode value) {
    return Objects.requireNonNull(value).isTextual()
        ? "string"
        : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
