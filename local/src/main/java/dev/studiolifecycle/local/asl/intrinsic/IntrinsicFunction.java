package dev.studiolifecycle.local.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Call;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Literal;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.PathArgument;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.StringLiteral;
import dev.studiolifecycle.local.asl.path.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The intrinsic functions of the Amazon States Language (JSONPath query language), each with its
 * argument count, the checks Step Functions documents for its arguments, and its result. Every
 * failure at run time is {@code States.IntrinsicFailure}.
 */
public enum IntrinsicFunction {
  FORMAT("States.Format", 1, Integer.MAX_VALUE) {
    @Override
    void checkArguments(Call call) {
      super.checkArguments(call);
      IntrinsicExpression template = call.arguments().get(0);
      if (template instanceof Literal) {
        throw new IllegalArgumentException(
            functionName() + ": the first argument must be a string template");
      }
      if (template instanceof StringLiteral literal) {
        int placeholders = templatePieces(literal.raw(), true).size() - 1;
        if (placeholders != call.arguments().size() - 1) {
          throw new IllegalArgumentException(
              functionName()
                  + ": the template has "
                  + placeholders
                  + " '{}' placeholder(s) but "
                  + (call.arguments().size() - 1)
                  + " value(s) follow it");
        }
      }
    }

    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      List<String> pieces;
      if (call.arguments().get(0) instanceof StringLiteral literal) {
        pieces = templatePieces(literal.raw(), true);
      } else {
        pieces = templatePieces(string(args, 0, "the template"), false);
      }
      if (pieces.size() - 1 != args.size() - 1) {
        throw fail(
            "the template has "
                + (pieces.size() - 1)
                + " '{}' placeholder(s) but "
                + (args.size() - 1)
                + " value(s) were given");
      }
      StringBuilder sb = new StringBuilder(pieces.get(0));
      for (int i = 1; i < pieces.size(); i++) {
        sb.append(formatValue(args.get(i))).append(pieces.get(i));
      }
      return TextNode.valueOf(sb.toString());
    }
  },

  STRING_TO_JSON("States.StringToJson", 1, 1) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      String text = string(args, 0, "the argument");
      JsonNode parsed;
      try {
        parsed = LocalJson.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        throw fail("the argument is not valid JSON text: " + e.getOriginalMessage());
      }
      if (parsed == null || parsed.isMissingNode()) {
        // Recorded on AWS: States.StringToJson of an empty string is null.
        return NullNode.getInstance();
      }
      return parsed;
    }
  },

  JSON_TO_STRING("States.JsonToString", 1, 1) {
    @Override
    void checkArguments(Call call) {
      super.checkArguments(call);
      if (!(call.arguments().get(0) instanceof PathArgument)) {
        throw new IllegalArgumentException(functionName() + ": the argument must be a path");
      }
    }

    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      return TextNode.valueOf(compact(args.get(0)));
    }
  },

  ARRAY("States.Array", 0, Integer.MAX_VALUE) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      args.forEach(out::add);
      return out;
    }
  },

  ARRAY_PARTITION("States.ArrayPartition", 2, 2) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      ArrayNode array = array(args, 0, "the first argument");
      long size = integer(args, 1, "the chunk size");
      if (size <= 0) {
        throw fail("the chunk size must be a positive integer, got " + size);
      }
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      ArrayNode chunk = null;
      for (int i = 0; i < array.size(); i++) {
        if (i % size == 0) {
          chunk = out.addArray();
        }
        chunk.add(array.get(i));
      }
      return out;
    }
  },

  ARRAY_CONTAINS("States.ArrayContains", 2, 2) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      ArrayNode array = array(args, 0, "the first argument");
      for (JsonNode element : array) {
        if (JsonValues.same(element, args.get(1))) {
          return BooleanNode.TRUE;
        }
      }
      return BooleanNode.FALSE;
    }
  },

  ARRAY_RANGE("States.ArrayRange", 3, 3) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      long start = integer(args, 0, "the first element");
      long end = integer(args, 1, "the last element");
      long step = integer(args, 2, "the step");
      if (step == 0) {
        throw fail("the step must not be zero");
      }
      long count = (end - start) / step < 0 ? 0 : (end - start) / step + 1;
      if (count > MAX_RANGE) {
        throw fail(
            "the range would hold " + count + " elements; at most " + MAX_RANGE + " are allowed");
      }
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (long i = 0; i < count; i++) {
        out.add(number(start + i * step));
      }
      return out;
    }
  },

  ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      ArrayNode array = array(args, 0, "the first argument");
      long index = integer(args, 1, "the index");
      if (index < 0 || index >= array.size()) {
        throw fail(
            "the index "
                + index
                + " is out of range for an array of "
                + array.size()
                + " element(s)");
      }
      return array.get((int) index);
    }
  },

  ARRAY_LENGTH("States.ArrayLength", 1, 1) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      return IntNode.valueOf(array(args, 0, "the argument").size());
    }
  },

  ARRAY_UNIQUE("States.ArrayUnique", 1, 1) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : array(args, 0, "the argument")) {
        boolean seen = false;
        for (JsonNode kept : out) {
          seen = seen || JsonValues.same(kept, element);
        }
        if (!seen) {
          out.add(element);
        }
      }
      return out;
    }
  },

  BASE64_ENCODE("States.Base64Encode", 1, 1) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      String text = limited(string(args, 0, "the argument"), "the input string");
      return TextNode.valueOf(
          Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }
  },

  BASE64_DECODE("States.Base64Decode", 1, 1) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      String text = limited(string(args, 0, "the argument"), "the Base64 input");
      try {
        return TextNode.valueOf(
            new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw fail("the argument is not valid Base64: " + e.getMessage());
      }
    }
  },

  HASH("States.Hash", 2, 2) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      JsonNode data = args.get(0);
      if (data.isNull()) {
        throw fail("the data to hash must not be null");
      }
      String text = limited(data.isTextual() ? data.asText() : compact(data), "the data");
      String algorithm = string(args, 1, "the algorithm");
      if (!HASH_ALGORITHMS.contains(algorithm)) {
        throw fail("the algorithm must be one of " + HASH_ALGORITHMS + ", got '" + algorithm + "'");
      }
      try {
        byte[] digest =
            MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        return TextNode.valueOf(HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        // Every Java runtime must provide these five digests.
        throw new IllegalStateException("The Java runtime lacks " + algorithm, e);
      }
    }
  },

  JSON_MERGE("States.JsonMerge", 3, 3) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      ObjectNode first = object(args, 0, "the first argument");
      ObjectNode second = object(args, 1, "the second argument");
      JsonNode deep = args.get(2);
      if (!deep.isBoolean()) {
        throw fail("the third argument (deep merge) must be a boolean, got " + JsonText.kind(deep));
      }
      if (deep.booleanValue()) {
        throw fail(
            "deep merge is not supported; set the third argument to false for a shallow "
                + "merge");
      }
      ObjectNode out = first.deepCopy();
      out.setAll(second.deepCopy());
      return out;
    }
  },

  MATH_RANDOM("States.MathRandom", 2, 3) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      long start = integer(args, 0, "the start number");
      long end = integer(args, 1, "the end number");
      if (start >= end) {
        throw fail(
            "the start number (" + start + ") must be less than the end number (" + end + ")");
      }
      if (args.size() == 3) {
        long seed = integer(args, 2, "the seed");
        return number(new SplittableRandom(seed).nextLong(start, end));
      }
      synchronized (random) {
        return number(random.nextLong(start, end));
      }
    }
  },

  MATH_ADD("States.MathAdd", 2, 2) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      long a = integer(args, 0, "the first number");
      long b = integer(args, 1, "the second number");
      for (long value : new long[] {a, b}) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
          throw fail(
              "the value "
                  + value
                  + " is outside the range "
                  + Integer.MIN_VALUE
                  + " to "
                  + Integer.MAX_VALUE);
        }
      }
      return number(a + b);
    }
  },

  STRING_SPLIT("States.StringSplit", 2, 2) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      String text = string(args, 0, "the string to split");
      String delimiters = string(args, 1, "the delimiter");
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      // Each character of the delimiter splits, and empty pieces are dropped, which is what the
      // documented example (".+,=" splitting "This.is+a,test=string") relies on.
      StringTokenizer tokens = new StringTokenizer(text, delimiters);
      while (tokens.hasMoreTokens()) {
        out.add(tokens.nextToken());
      }
      return out;
    }
  },

  UUID_V4("States.UUID", 0, 0) {
    @Override
    JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random) {
      long most;
      long least;
      synchronized (random) {
        most = random.nextLong();
        least = random.nextLong();
      }
      most = (most & ~0xF000L) | 0x4000L; // version 4
      least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
      return TextNode.valueOf(new UUID(most, least).toString());
    }
  };

  /** Step Functions refuses a States.ArrayRange result longer than this. */
  static final int MAX_RANGE = 1000;

  /** Input limit of States.Base64Encode, States.Base64Decode and States.Hash, in characters. */
  static final int MAX_INPUT_CHARS = 10_000;

  private static final List<String> HASH_ALGORITHMS =
      List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  private final String functionName;
  private final int minArgs;
  private final int maxArgs;

  IntrinsicFunction(String functionName, int minArgs, int maxArgs) {
    this.functionName = functionName;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
  }

  /** The name as written in a definition, e.g. {@code States.Format}. */
  public String functionName() {
    return functionName;
  }

  /** The function with that exact (case-sensitive) name. */
  public static Optional<IntrinsicFunction> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
  }

  static String knownNames() {
    return Arrays.stream(values())
        .map(IntrinsicFunction::functionName)
        .collect(Collectors.joining(", "));
  }

  /** Definition-time checks; IllegalArgumentException says what is wrong. */
  void checkArguments(Call call) {
    int count = call.arguments().size();
    if (count < minArgs || count > maxArgs) {
      String expected;
      if (minArgs == maxArgs) {
        expected = minArgs + " argument" + (minArgs == 1 ? "" : "s");
      } else if (maxArgs == Integer.MAX_VALUE) {
        expected = "at least " + minArgs + " argument" + (minArgs == 1 ? "" : "s");
      } else {
        expected = minArgs + " to " + maxArgs + " arguments";
      }
      throw new IllegalArgumentException(functionName + " takes " + expected + ", got " + count);
    }
  }

  /** Applies the function to evaluated arguments; failures are States.IntrinsicFailure. */
  abstract JsonNode apply(Call call, List<JsonNode> args, RandomGenerator random);

  StatesError fail(String message) {
    return new StatesError(StatesError.INTRINSIC_FAILURE, functionName + ": " + message);
  }

  String string(List<JsonNode> args, int index, String role) {
    JsonNode node = args.get(index);
    if (!node.isTextual()) {
      throw fail(role + " must be a string, got " + JsonText.kind(node));
    }
    return node.asText();
  }

  ArrayNode array(List<JsonNode> args, int index, String role) {
    JsonNode node = args.get(index);
    if (!node.isArray()) {
      throw fail(role + " must be an array, got " + JsonText.kind(node));
    }
    return (ArrayNode) node;
  }

  ObjectNode object(List<JsonNode> args, int index, String role) {
    JsonNode node = args.get(index);
    if (!node.isObject()) {
      throw fail(role + " must be a JSON object, got " + JsonText.kind(node));
    }
    return (ObjectNode) node;
  }

  /**
   * An integer argument. Step Functions documents that a non-integer number is rounded to the
   * nearest integer rather than refused.
   */
  long integer(List<JsonNode> args, int index, String role) {
    JsonNode node = args.get(index);
    if (!node.isNumber()) {
      throw fail(role + " must be a number, got " + JsonText.kind(node));
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw fail(role + " " + node.asText() + " is too large");
      }
      return node.longValue();
    }
    double value = node.doubleValue();
    if (Math.abs(value) >= 9.0e18) {
      throw fail(role + " " + node.asText() + " is too large");
    }
    return Math.round(value);
  }

  String limited(String text, String role) {
    if (text.length() > MAX_INPUT_CHARS) {
      throw fail(
          role
              + " has "
              + text.length()
              + " characters; at most "
              + MAX_INPUT_CHARS
              + " are allowed");
    }
    return text;
  }

  static JsonNode number(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
        ? IntNode.valueOf((int) value)
        : JsonNodeFactory.instance.numberNode(value);
  }

  static String compact(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A JsonNode tree always serialises; reaching this is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }

  /**
   * The template split at its {@code {}} placeholders. In a string literal of the invocation,
   * {@code \{} and {@code \}} are literal braces and the escapes are resolved here; a template read
   * from the input has no escapes.
   */
  static List<String> templatePieces(String template, boolean escaped) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (escaped && c == '\\' && i + 1 < template.length()) {
        current.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        pieces.add(current.toString());
        current.setLength(0);
        i++;
      } else {
        current.append(c);
      }
    }
    pieces.add(current.toString());
    return pieces;
  }

  /** Strings go in as they are; other values as their JSON text ({@code 42}, {@code null}). */
  /**
   * How States.Format writes a value: strings as they are, numbers, booleans and null as JSON, and
   * an object the way Java writes a map ({@code {k=1}}), as recorded on AWS, not as JSON text.
   * Arrays are written the way Java writes a list ({@code [a, b]}): the same rule, not recorded.
   */
  static String formatValue(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isObject()) {
      StringBuilder text = new StringBuilder("{");
      value
          .fields()
          .forEachRemaining(
              field -> {
                if (text.length() > 1) {
                  text.append(", ");
                }
                text.append(field.getKey()).append('=').append(formatValue(field.getValue()));
              });
      return text.append('}').toString();
    }
    if (value.isArray()) {
      StringBuilder text = new StringBuilder("[");
      for (JsonNode item : value) {
        if (text.length() > 1) {
          text.append(", ");
        }
        text.append(formatValue(item));
      }
      return text.append(']').toString();
    }
    return compact(value);
  }
}
