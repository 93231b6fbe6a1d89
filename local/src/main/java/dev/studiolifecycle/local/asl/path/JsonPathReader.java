package dev.studiolifecycle.local.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.DefinitionException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a Path (InputPath, OutputPath, ItemsPath, a {@code .$} field, a Choice Variable, an
 * intrinsic argument) from a {@link PathContext}.
 *
 * <p>Step Functions evaluates these paths with Jayway JsonPath (its errors quote Jayway's
 * messages), so this class does too, which gives the same syntax and result shape: a definite path
 * ({@code $.a.b}, {@code $['a b']}, {@code $.a[0]}) yields the value and fails when it is missing;
 * an indefinite path (wildcards, slices, {@code ..}, filters, unions of indexes) yields an array of
 * every match, possibly empty. Functions such as {@code $.a.length()} are Jayway's. A path that
 * starts with {@code $$} reads the Context object instead of the input.
 *
 * <p>Returned nodes are fresh copies: callers may change them without touching the input.
 */
public final class JsonPathReader {

  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(new StrictIndexJsonNodeProvider(LocalJson.MAPPER))
          .mappingProvider(new JacksonMappingProvider(LocalJson.MAPPER))
          .build();
  private static final int CACHE_LIMIT = 4096;

  /** JSONata states' {@code $states}: no variable of that name can be assigned or read here. */
  public static final String RESERVED_VARIABLE = "states";

  /** Step Functions' limit on a variable name's length. */
  public static final int MAX_VARIABLE_NAME_LENGTH = 80;

  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

  private JsonPathReader() {}

  /**
   * The value the path selects.
   *
   * @throws PathNotFoundException (this package's) when a definite path selects nothing, or a path
   *     runs into a value of the wrong kind (e.g. {@code $.a.b} where {@code a} is a string)
   * @throws IllegalArgumentException when the text is not a path at all; definitions are checked
   *     with {@link #validate} before they run, so this means a caller skipped that check
   */
  public static JsonNode read(String path, PathContext ctx) {
    Optional<VariablePath> variable = variablePath(path);
    JsonNode document;
    String jaywayPath;
    if (variable.isPresent()) {
      String name = variable.get().name();
      document =
          ctx.variables()
              .value(name)
              .orElseThrow(() -> PathNotFoundException.unassignedVariable(path, name));
      jaywayPath = variable.get().rest();
    } else {
      document = isContextPath(path) ? ctx.context() : ctx.input();
      jaywayPath = path;
    }
    JsonPath compiled = compile(jaywayPath);
    Object result;
    try {
      result = compiled.read(document, CONFIGURATION);
    } catch (JsonPathException e) {
      // Jayway's own PathNotFoundException is one of these; so are evaluation failures such as
      // a function applied to the wrong type. To a state machine each is a path that selects
      // nothing.
      throw new PathNotFoundException(path, document, e.getMessage());
    }
    return toNode(result);
  }

  /**
   * A path into a workflow variable ({@code $name}, {@code $name.a[0]}): the variable's name and
   * the path to apply to its value, written from {@code $}.
   */
  public record VariablePath(String name, String rest) {}

  /**
   * The variable a path reads, when it reads one: {@code $} followed by a variable name. Step
   * Functions' developer guide ("Passing data between states with variables"): a name's first
   * character is a Unicode ID_Start character, the others ID_Continue characters, at most 80.
   */
  public static Optional<VariablePath> variablePath(String path) {
    if (path == null || path.length() < 2 || path.charAt(0) != '$') {
      return Optional.empty();
    }
    int first = path.codePointAt(1);
    if (!Character.isUnicodeIdentifierStart(first)) {
      return Optional.empty();
    }
    int end = 1 + Character.charCount(first);
    while (end < path.length()) {
      int next = path.codePointAt(end);
      if (!Character.isUnicodeIdentifierPart(next) || Character.isIdentifierIgnorable(next)) {
        break;
      }
      end += Character.charCount(next);
    }
    return Optional.of(new VariablePath(path.substring(1, end), "$" + path.substring(end)));
  }

  /** Whether the path reads the Context object ({@code $$...}) rather than the input. */
  public static boolean isContextPath(String path) {
    return path != null && path.startsWith("$$");
  }

  /** Whether the path is definite: it names one node, so its result is that node, not an array. */
  public static boolean isDefinite(String path) {
    return compile(variablePath(path).map(VariablePath::rest).orElse(path)).isDefinite();
  }

  /**
   * Checks a Path written in a definition.
   *
   * @throws DefinitionException naming the state and field when the text is not a valid path
   */
  public static void validate(String path, String stateName, String fieldName) {
    syntaxProblem(path)
        .ifPresent(
            problem -> {
              throw DefinitionException.inField(
                  stateName, fieldName, "'" + path + "' is not a valid JSONPath: " + problem);
            });
  }

  /** Why the text is not a valid path, or empty when it is one. */
  public static Optional<String> syntaxProblem(String path) {
    if (path == null || !path.startsWith("$")) {
      return Optional.of(
          "a path must start with '$' (the input), '$$' (the Context object) or '$name' (a "
              + "workflow variable)");
    }
    Optional<VariablePath> variable = variablePath(path);
    String jaywayPath = path;
    if (variable.isPresent()) {
      String name = variable.get().name();
      if (name.equals(RESERVED_VARIABLE)) {
        return Optional.of(
            "'$states' is the reserved variable of JSONata states; a JSONPath state cannot read "
                + "it");
      }
      if (name.length() > MAX_VARIABLE_NAME_LENGTH) {
        return Optional.of(
            "the variable name '"
                + name
                + "' is longer than "
                + MAX_VARIABLE_NAME_LENGTH
                + " characters");
      }
      jaywayPath = variable.get().rest();
      if (!jaywayPath.equals("$") && !jaywayPath.startsWith("$.") && !jaywayPath.startsWith("$[")) {
        return Optional.of("after the variable name '$" + name + "' comes '.' or '[', or nothing");
      }
    }
    try {
      compile(jaywayPath);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static final String UNPARSABLE =
      "it does not parse (it ends where more is expected, or holds a character out of place)";

  /** The parser's reason, unless it is only the name of an exception inside the parser. */
  private static String readable(InvalidPathException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    return message == null || cause != null && message.startsWith(cause.getClass().getName())
        ? UNPARSABLE
        : message;
  }

  private static JsonPath compile(String path) {
    JsonPath cached = COMPILED.get(path);
    if (cached != null) {
      return cached;
    }
    if (path == null || !path.startsWith("$")) {
      throw new IllegalArgumentException("Not a path (it must start with '$'): " + path);
    }
    String jaywayPath = isContextPath(path) ? path.substring(1) : path;
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(jaywayPath);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(readable(e), e);
    } catch (RuntimeException e) {
      // The parser fails this way on a path cut short ("$..[").
      throw new IllegalArgumentException(UNPARSABLE, e);
    }
    if (COMPILED.size() >= CACHE_LIMIT) {
      // Definitions hold a bounded set of paths; this only guards against unbounded growth.
      COMPILED.clear();
    }
    COMPILED.put(path, compiled);
    return compiled;
  }

  private static JsonNode toNode(Object result) {
    if (result == null) {
      return NullNode.getInstance();
    }
    if (result instanceof JsonNode node) {
      return node.deepCopy();
    }
    // Jayway functions such as length() or sum() return plain Java values.
    return LocalJson.MAPPER.valueToTree(result);
  }

  /**
   * Jackson's provider answers an out-of-range array index with null, which would turn {@code
   * $.list[9]} into {@code null} instead of a missing path. Jayway treats an
   * IndexOutOfBoundsException from the provider as "no such element", which is what a path
   * evaluator with any other provider does, so this provider throws it.
   */
  private static final class StrictIndexJsonNodeProvider extends JacksonJsonNodeJsonProvider {

    StrictIndexJsonNodeProvider(ObjectMapper mapper) {
      super(mapper);
    }

    @Override
    public Object getArrayIndex(Object obj, int idx) {
      if (obj instanceof ArrayNode array && (idx < 0 || idx >= array.size())) {
        throw new IndexOutOfBoundsException(
            "Index " + idx + " out of bounds for length " + array.size());
      }
      return super.getArrayIndex(obj, idx);
    }
  }
}
