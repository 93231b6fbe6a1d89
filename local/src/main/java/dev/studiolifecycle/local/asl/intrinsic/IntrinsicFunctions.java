package dev.studiolifecycle.local.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Call;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Literal;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.PathArgument;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.StringLiteral;
import dev.studiolifecycle.local.asl.path.JsonPathReader;
import dev.studiolifecycle.local.asl.path.PathContext;
import dev.studiolifecycle.local.asl.path.PathNotFoundException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Parses and evaluates intrinsic function invocations such as {@code States.Format('Hello, {}',
 * $.name)}, the values of {@code .$} fields that start with {@code States.}.
 *
 * <p>States.MathRandom without a seed and States.UUID draw from the {@link RandomGenerator} given
 * at construction, so tests and reproducible runs can fix it.
 */
public final class IntrinsicFunctions {

  private static final String PREFIX = "States.";

  private final RandomGenerator random;
  private final Map<String, Call> parsed = new ConcurrentHashMap<>();

  public IntrinsicFunctions(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Functions drawing from a SecureRandom, as UUIDs for real use should. */
  public static IntrinsicFunctions withSecureRandom() {
    return new IntrinsicFunctions(new SecureRandom());
  }

  /** Whether a {@code .$} value is an intrinsic invocation rather than a path. */
  public static boolean isIntrinsic(String expression) {
    return expression != null && expression.startsWith(PREFIX);
  }

  /**
   * Parses and checks an invocation written in a definition: known function names, argument counts,
   * string escapes, paths, nesting depth, and the checks that need no input (a literal
   * States.Format template's placeholder count, States.JsonToString taking a path).
   *
   * @throws DefinitionException naming the state and the field
   */
  public static Call parse(String expression, String stateName, String fieldName) {
    try {
      return IntrinsicParser.parse(expression);
    } catch (IllegalArgumentException e) {
      throw DefinitionException.inField(
          stateName,
          fieldName,
          "invalid intrinsic function '" + expression + "': " + e.getMessage());
    }
  }

  /**
   * Evaluates an invocation against the state input and Context object.
   *
   * @throws StatesError {@code States.IntrinsicFailure} when the invocation fails: wrong argument
   *     types, documented limits, a path argument that selects nothing
   */
  public JsonNode evaluate(String expression, PathContext ctx) {
    Call call = parsed.get(expression);
    if (call == null) {
      try {
        call = IntrinsicParser.parse(expression);
      } catch (IllegalArgumentException e) {
        // Only reachable when a definition was not checked with parse() before it ran.
        throw new StatesError(
            StatesError.INTRINSIC_FAILURE,
            "Invalid intrinsic function '" + expression + "': " + e.getMessage(),
            e);
      }
      parsed.put(expression, call);
    }
    return evaluate(call, ctx);
  }

  /** Evaluates a parsed invocation; see {@link #evaluate(String, PathContext)}. */
  public JsonNode evaluate(Call call, PathContext ctx) {
    List<JsonNode> args = new ArrayList<>(call.arguments().size());
    for (IntrinsicExpression argument : call.arguments()) {
      args.add(argument(call.function(), argument, ctx));
    }
    return call.function().apply(call, args, random);
  }

  private JsonNode argument(
      IntrinsicFunction function, IntrinsicExpression argument, PathContext ctx) {
    if (argument instanceof Call nested) {
      return evaluate(nested, ctx);
    }
    if (argument instanceof StringLiteral literal) {
      return TextNode.valueOf(literal.value());
    }
    if (argument instanceof Literal literal) {
      return literal.value();
    }
    String path = ((PathArgument) argument).path();
    try {
      return JsonPathReader.read(path, ctx);
    } catch (PathNotFoundException e) {
      throw function.fail(e.getMessage());
    }
  }
}
