package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * A Reference Path: a path that names exactly one node, written only with {@code .name}, {@code
 * ['name']} and {@code [index]} steps (no wildcards, slices, filters, {@code ..} or functions).
 * ResultPath is one; {@link #set} is how a state's result is placed into its input.
 */
public final class ReferencePath {

  /** One step of a Reference Path. */
  public sealed interface Segment permits Field, Index {}

  /** An object member, {@code .name} or {@code ['name']}. */
  public record Field(String name) implements Segment {}

  /** An array element, {@code [index]}; a negative index counts from the end. */
  public record Index(int index) implements Segment {}

  private static final ReferencePath ROOT = new ReferencePath("$", List.of());

  private final String text;
  private final List<Segment> segments;

  private ReferencePath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = List.copyOf(segments);
  }

  /** {@code $}: the whole document. */
  public static ReferencePath root() {
    return ROOT;
  }

  /**
   * Parses a Reference Path written in a definition.
   *
   * @throws DefinitionException naming the state and field when the text is not a Reference Path
   */
  public static ReferencePath parse(String text, String stateName, String fieldName) {
    try {
      return new ReferencePath(text, new Parser(text).parse());
    } catch (IllegalArgumentException e) {
      throw DefinitionException.inField(
          stateName, fieldName, "'" + text + "' is not a valid Reference Path: " + e.getMessage());
    }
  }

  /** The path as written. */
  public String text() {
    return text;
  }

  public List<Segment> segments() {
    return segments;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /**
   * The node the path names.
   *
   * @throws PathNotFoundException when it does not exist
   */
  public JsonNode read(PathContext ctx) {
    return JsonPathReader.read(text, ctx);
  }

  /**
   * A copy of {@code root} with {@code value} at this path: {@code $} replaces the whole document;
   * missing objects along the path are created; an existing array element can be replaced.
   *
   * @throws StatesError {@code States.ResultPathMatchFailure} when the path runs through something
   *     that is not an object (or, for an index step, not an array long enough), e.g. {@code $.a.b}
   *     where {@code $.a} is a string
   */
  public JsonNode set(JsonNode root, JsonNode value) {
    JsonNode newValue = value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy();
    if (segments.isEmpty()) {
      return newValue;
    }
    JsonNode result = root == null ? JsonNodeFactory.instance.nullNode() : root.deepCopy();
    JsonNode current = result;
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (segment instanceof Field field) {
        if (!current.isObject()) {
          throw mismatch(root, i, current, "an object");
        }
        ObjectNode object = (ObjectNode) current;
        if (last) {
          object.set(field.name(), newValue);
          return result;
        }
        JsonNode next = object.get(field.name());
        if (next == null) {
          if (segments.get(i + 1) instanceof Index) {
            throw matchFailure(
                root, i + 1, "does not exist and an array element cannot be created");
          }
          next = object.putObject(field.name());
        }
        current = next;
      } else {
        Index index = (Index) segment;
        if (!current.isArray()) {
          throw mismatch(root, i, current, "an array");
        }
        ArrayNode array = (ArrayNode) current;
        int position = index.index() < 0 ? array.size() + index.index() : index.index();
        if (position < 0 || position >= array.size()) {
          throw matchFailure(root, i, "has no element " + index.index());
        }
        if (last) {
          array.set(position, newValue);
          return result;
        }
        current = array.get(position);
      }
    }
    throw new IllegalStateException("unreachable: the loop returns at the last segment");
  }

  /**
   * States.ResultPathMatchFailure: the first {@code segments} steps of the path, and what is wrong.
   */
  private StatesError matchFailure(JsonNode root, int segments, String what) {
    return new StatesError(
        StatesError.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply ResultPath '"
            + text
            + "' to input '"
            + JsonText.compact(root)
            + "': '"
            + prefix(segments)
            + "' "
            + what);
  }

  private StatesError mismatch(JsonNode root, int segment, JsonNode found, String expected) {
    return matchFailure(root, segment, "is " + JsonText.kind(found) + ", not " + expected);
  }

  /** The path text of the first {@code count} segments, for error messages. */
  private String prefix(int count) {
    StringBuilder sb = new StringBuilder("$");
    for (Segment segment : segments.subList(0, count)) {
      if (segment instanceof Field field) {
        sb.append("['").append(field.name().replace("\\", "\\\\").replace("'", "\\'")).append("']");
      } else {
        sb.append('[').append(((Index) segment).index()).append(']');
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReferencePath that && segments.equals(that.segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Recursive-descent reader of the Reference Path grammar. */
  private static final class Parser {
    // Characters that make a path select more than one node, or that belong to filters and
    // functions, none of which a Reference Path may use.
    private static final String OPERATORS = "@,:?*()";

    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    List<Segment> parse() {
      if (text == null || text.isEmpty()) {
        throw new IllegalArgumentException("it is empty; it must start with '$'");
      }
      if (text.startsWith("$$")) {
        throw new IllegalArgumentException("it may not refer to the Context object ('$$')");
      }
      if (text.charAt(0) != '$') {
        throw new IllegalArgumentException("it must start with '$'");
      }
      pos = 1;
      List<Segment> segments = new ArrayList<>();
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '.') {
          pos++;
          if (pos >= text.length()) {
            throw new IllegalArgumentException("it ends with '.'");
          }
          char after = text.charAt(pos);
          if (after == '.') {
            throw new IllegalArgumentException("deep scan ('..') is not allowed");
          }
          if (after == '[') {
            // '$.abc.['def ghi']' is accepted by Step Functions (its documentation uses it).
            continue;
          }
          segments.add(new Field(name()));
        } else if (c == '[') {
          pos++;
          segments.add(bracket());
        } else {
          throw new IllegalArgumentException(
              "unexpected '"
                  + c
                  + "' at position "
                  + pos
                  + "; expected '.name', ['name'] or [index]");
        }
      }
      return segments;
    }

    private String name() {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
        char c = text.charAt(pos);
        if (OPERATORS.indexOf(c) >= 0) {
          throw new IllegalArgumentException(describeOperator(c) + " at position " + pos);
        }
        if (Character.isWhitespace(c) || c == ']' || c == '\'' || c == '"') {
          throw new IllegalArgumentException(
              "'"
                  + c
                  + "' at position "
                  + pos
                  + " must be written in bracket notation, e.g. $['my field']");
        }
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException("empty field name at position " + start);
      }
      return text.substring(start, pos);
    }

    private Segment bracket() {
      if (pos >= text.length()) {
        throw new IllegalArgumentException("unclosed '['");
      }
      char c = text.charAt(pos);
      Segment segment;
      if (c == '\'' || c == '"') {
        segment = new Field(quoted(c));
      } else if (c == '-' || Character.isDigit(c)) {
        int start = pos;
        pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.equals("-")) {
          throw new IllegalArgumentException("'-' without digits at position " + start);
        }
        try {
          segment = new Index(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("index " + digits + " is too large");
        }
      } else if (OPERATORS.indexOf(c) >= 0) {
        throw new IllegalArgumentException(describeOperator(c) + " at position " + pos);
      } else {
        throw new IllegalArgumentException(
            "expected a quoted name or an index after '[' at " + "position " + pos);
      }
      if (pos >= text.length() || text.charAt(pos) != ']') {
        char found = pos < text.length() ? text.charAt(pos) : ' ';
        if (OPERATORS.indexOf(found) >= 0) {
          throw new IllegalArgumentException(describeOperator(found) + " at position " + pos);
        }
        throw new IllegalArgumentException("expected ']' at position " + pos);
      }
      pos++;
      return segment;
    }

    private String quoted(char quote) {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '\\' && pos + 1 < text.length()) {
          sb.append(text.charAt(pos + 1));
          pos += 2;
        } else if (c == quote) {
          pos++;
          return sb.toString();
        } else {
          sb.append(c);
          pos++;
        }
      }
      throw new IllegalArgumentException("unterminated quoted name");
    }

    private static String describeOperator(char c) {
      switch (c) {
        case '*':
          return "wildcards ('*') are not allowed";
        case '?':
        case '@':
          return "filters ('" + c + "') are not allowed";
        case ':':
          return "slices (':') are not allowed";
        case ',':
          return "unions (',') are not allowed";
        default:
          return "functions ('" + c + "') are not allowed";
      }
    }
  }
}
