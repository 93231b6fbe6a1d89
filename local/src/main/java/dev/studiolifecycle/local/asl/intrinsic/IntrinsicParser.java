package dev.studiolifecycle.local.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Call;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Literal;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.PathArgument;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.StringLiteral;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of intrinsic function invocations: {@code States.Name(args)} where an
 * argument is a nested invocation, a single-quoted string, a number, {@code true}, {@code false},
 * {@code null}, or a path. Errors are IllegalArgumentException with a position; the caller turns
 * them into definition errors.
 */
final class IntrinsicParser {

  /** Step Functions allows up to 10 intrinsic functions nested within one field. */
  static final int MAX_NESTING = 10;

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern FUNCTION_NAME = Pattern.compile("States\\.[A-Za-z0-9]+");

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  static Call parse(String text) {
    IntrinsicParser parser = new IntrinsicParser(text);
    parser.skipSpaces();
    Call call = parser.call(1);
    parser.skipSpaces();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the closing ')'");
    }
    return call;
  }

  private Call call(int depth) {
    if (depth > MAX_NESTING) {
      throw error("more than " + MAX_NESTING + " intrinsic functions are nested");
    }
    Matcher name = FUNCTION_NAME.matcher(text).region(pos, text.length());
    if (!name.lookingAt()) {
      throw error("expected an intrinsic function name such as States.Format");
    }
    int nameStart = pos;
    pos = name.end();
    IntrinsicFunction function =
        IntrinsicFunction.byName(name.group())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown intrinsic function '"
                            + name.group()
                            + "' at position "
                            + nameStart
                            + "; known: "
                            + IntrinsicFunction.knownNames()));
    skipSpaces();
    expect('(');
    List<IntrinsicExpression> arguments = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      pos++;
    } else {
      while (true) {
        skipSpaces();
        arguments.add(argument(depth));
        skipSpaces();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == ')') {
          pos++;
          break;
        } else {
          throw error("expected ',' or ')'");
        }
      }
    }
    Call call = new Call(function, arguments);
    function.checkArguments(call);
    return call;
  }

  private IntrinsicExpression argument(int depth) {
    char c = peek();
    if (c == '\'') {
      return new StringLiteral(string());
    }
    if (c == '$') {
      return path();
    }
    if (text.startsWith("States.", pos)) {
      return call(depth + 1);
    }
    int start = pos;
    while (pos < text.length() && ",) \t\n\r".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String token = text.substring(start, pos);
    switch (token) {
      case "true":
        return new Literal(BooleanNode.TRUE);
      case "false":
        return new Literal(BooleanNode.FALSE);
      case "null":
        return new Literal(NullNode.getInstance());
      default:
        if (NUMBER.matcher(token).matches()) {
          return new Literal(number(token));
        }
        pos = start;
        throw error(
            token.isEmpty()
                ? "missing argument"
                : "'"
                    + token
                    + "' is not a string ('...'), number, true, false, null, path or "
                    + "intrinsic function");
    }
  }

  /** Reads a quoted string and returns its raw text, escapes kept. */
  private String string() {
    int start = pos;
    pos++;
    StringBuilder raw = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\') {
        if (pos + 1 >= text.length() || "'{}\\".indexOf(text.charAt(pos + 1)) < 0) {
          throw error("open escape: a backslash must be followed by ', {, } or \\");
        }
        raw.append(c).append(text.charAt(pos + 1));
        pos += 2;
      } else if (c == '\'') {
        pos++;
        return raw.toString();
      } else {
        raw.append(c);
        pos++;
      }
    }
    pos = start;
    throw error("unterminated string literal");
  }

  /**
   * Reads a path argument: everything up to the ',' or ')' that ends it, where commas and
   * parentheses inside brackets or quotes (filters, {@code ['a,b']}) belong to the path.
   */
  private IntrinsicExpression path() {
    int start = pos;
    int brackets = 0;
    int parens = 0;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (c == '(') {
        parens++;
      } else if (c == ')') {
        if (parens == 0 && brackets == 0) {
          break;
        }
        parens--;
      } else if (c == ',' && brackets == 0 && parens == 0) {
        break;
      }
      pos++;
    }
    String path = text.substring(start, pos).strip();
    Optional<String> problem = JsonPathReader.syntaxProblem(path);
    if (problem.isPresent()) {
      pos = start;
      throw error("'" + path + "' is not a valid JSONPath (" + problem.get() + ")");
    }
    return new PathArgument(path);
  }

  private static JsonNode number(String token) {
    try {
      return LocalJson.MAPPER.readTree(token);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("'" + token + "' is not a number", e);
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at position " + pos);
  }
}
