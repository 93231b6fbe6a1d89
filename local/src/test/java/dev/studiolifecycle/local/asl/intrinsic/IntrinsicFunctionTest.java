package dev.studiolifecycle.local.asl.intrinsic;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.PathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each function against the examples and the errors of the Step Functions documentation. */
class IntrinsicFunctionTest {

  private final IntrinsicFunctions functions = new IntrinsicFunctions(new SplittableRandom(7));

  private JsonNode eval(String expression, String input) {
    return functions.evaluate(expression, PathContext.of(json(input)));
  }

  private void assertFails(String expression, String input, String messagePart) {
    assertThatThrownBy(() -> eval(expression, input))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.INTRINSIC_FAILURE);
              assertThat(e.cause()).contains(messagePart);
            });
  }

  @Test
  void formatInterpolatesTheDocumentedExampleFromALiteralOrAPathTemplate() {
    String input = "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}";
    assertThat(eval("States.Format('Hello, my name is {}.', $.name)", input))
        .isEqualTo(json("\"Hello, my name is Arnav.\""));
    assertThat(eval("States.Format($.template, $.name)", input))
        .isEqualTo(json("\"Hello, my name is Arnav.\""));
  }

  @Test
  void formatResolvesEscapesAndKeepsEscapedBracesLiteral() {
    assertThat(eval("States.Format('\\{{}\\} it\\'s \\\\ {}', 1, true)", "{}"))
        .isEqualTo(json("\"{1} it's \\\\ true\""));
  }

  /** Recorded on AWS: an object argument is written as {k=1}, the way Java writes a map. */
  @Test
  void formatWritesScalarsAsJsonAndObjectsAsAwsDoes() {
    assertThat(eval("States.Format('{} {} {} {}', 42, 1.5, false, null)", "{}"))
        .isEqualTo(json("\"42 1.5 false null\""));
    assertThat(eval("States.Format('{}', $.o)", "{\"o\": {\"k\": 1}}"))
        .isEqualTo(json("\"{k=1}\""));
    assertThat(
            eval("States.Format('{}', $.o)", "{\"o\": {\"k\": [1, \"a\"], \"j\": {\"x\": true}}}"))
        .isEqualTo(json("\"{k=[1, a], j={x=true}}\""));
  }

  @Test
  void formatFailsWhenAPathTemplateHasTheWrongNumberOfPlaceholders() {
    assertFails(
        "States.Format($.t, 1)",
        "{\"t\": \"no placeholders\"}",
        "0 '{}' placeholder(s) but 1 value(s)");
    assertFails("States.Format($.t)", "{\"t\": 5}", "the template must be a string");
  }

  @Test
  void stringToJsonParsesTheDocumentedEscapedString() {
    assertThat(
            eval(
                "States.StringToJson($.escapedJsonString)",
                "{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}"))
        .isEqualTo(json("{\"foo\": \"bar\"}"));
  }

  /** Recorded on AWS: the empty string parses to null. */
  @Test
  void stringToJsonOfTheEmptyStringIsNull() {
    assertThat(eval("States.StringToJson($.s)", "{\"s\": \"\"}")).isEqualTo(json("null"));
  }

  @Test
  void stringToJsonRefusesTextThatIsNotJson() {
    assertFails("States.StringToJson($.s)", "{\"s\": \"{not json\"}", "not valid JSON text");
    assertFails("States.StringToJson($.s)", "{\"s\": 3}", "must be a string, got a number");
  }

  @Test
  void jsonToStringSerialisesTheDocumentedObjectCompactly() {
    assertThat(
            eval("States.JsonToString($.unescapedJson)", "{\"unescapedJson\": {\"foo\": \"bar\"}}"))
        .isEqualTo(json("\"{\\\"foo\\\":\\\"bar\\\"}\""));
  }

  @Test
  void arrayCollectsItsArgumentsAsInTheDocumentedExample() {
    assertThat(eval("States.Array($.Id)", "{\"Id\": 123456}")).isEqualTo(json("[123456]"));
    assertThat(eval("States.Array()", "{}")).isEqualTo(json("[]"));
    assertThat(eval("States.Array('a', 1, null, States.Array(true))", "{}"))
        .isEqualTo(json("[\"a\", 1, null, [true]]"));
  }

  @Test
  void arrayPartitionSplitsIntoChunksAsDocumented() {
    assertThat(
            eval(
                "States.ArrayPartition($.inputArray, 4)",
                "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}"))
        .isEqualTo(json("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"));
    assertThat(eval("States.ArrayPartition($.a, 2)", "{\"a\": []}")).isEqualTo(json("[]"));
  }

  @Test
  void arrayPartitionNeedsAnArrayAndAPositiveChunkSize() {
    assertFails("States.ArrayPartition($.a, 0)", "{\"a\": [1]}", "positive integer");
    assertFails("States.ArrayPartition($.a, 2)", "{\"a\": \"x\"}", "must be an array");
  }

  @Test
  void arrayContainsFindsTheDocumentedValue() {
    String input = "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"lookingFor\": 5}";
    assertThat(eval("States.ArrayContains($.inputArray, $.lookingFor)", input))
        .isEqualTo(json("true"));
    assertThat(eval("States.ArrayContains($.inputArray, 10)", input)).isEqualTo(json("false"));
    assertThat(eval("States.ArrayContains($.a, $.o)", "{\"a\": [{\"k\": 1.0}], \"o\": {\"k\": 1}}"))
        .isEqualTo(json("true"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "States.ArrayRange(1, 9, 2)     | [1, 3, 5, 7, 9]",
        "States.ArrayRange(10, 0, -5)   | [10, 5, 0]",
        "States.ArrayRange(1, 2, 5)     | [1]",
        "States.ArrayRange(5, 1, 1)     | []",
        "States.ArrayRange(0.6, 2.4, 1) | [1, 2]"
      })
  void arrayRangeIncludesTheLastElementAndRoundsNonIntegers(String expression, String expected) {
    assertThat(eval(expression, "{}")).isEqualTo(json(expected));
  }

  @Test
  void arrayRangeRefusesAZeroStepAndMoreThanAThousandElements() {
    assertFails("States.ArrayRange(1, 5, 0)", "{}", "must not be zero");
    assertThat(eval("States.ArrayRange(1, 1000, 1)", "{}").size()).isEqualTo(1000);
    assertFails("States.ArrayRange(1, 1001, 1)", "{}", "1001 elements; at most 1000");
    assertFails("States.ArrayRange('1', 3, 1)", "{}", "must be a number, got a string");
  }

  @Test
  void arrayGetItemReturnsTheDocumentedElement() {
    String input = "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"index\": 5}";
    assertThat(eval("States.ArrayGetItem($.inputArray, $.index)", input)).isEqualTo(json("6"));
    assertFails("States.ArrayGetItem($.inputArray, 9)", input, "out of range");
    assertFails("States.ArrayGetItem($.inputArray, -1)", input, "out of range");
  }

  @Test
  void arrayLengthCountsTheDocumentedArray() {
    assertThat(
            eval(
                "States.ArrayLength($.inputArray)",
                "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}"))
        .isEqualTo(json("9"));
    assertFails("States.ArrayLength($.o)", "{\"o\": {}}", "must be an array, got an object");
  }

  @Test
  void arrayUniqueKeepsTheFirstOfEachValueAsDocumented() {
    assertThat(eval("States.ArrayUnique($.values)", "{\"values\": [1, 2, 3, 3, 3, 3, 3, 3, 4]}"))
        .isEqualTo(json("[1, 2, 3, 4]"));
    assertThat(eval("States.ArrayUnique($.v)", "{\"v\": [{\"a\": 1}, \"a\", {\"a\": 1}, 1.0, 1]}"))
        .isEqualTo(json("[{\"a\": 1}, \"a\", 1.0]"));
  }

  @Test
  void base64RoundTripsTheDocumentedExample() {
    assertThat(eval("States.Base64Encode($.input)", "{\"input\": \"Data to encode\"}"))
        .isEqualTo(json("\"RGF0YSB0byBlbmNvZGU=\""));
    assertThat(eval("States.Base64Decode($.base64)", "{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}"))
        .isEqualTo(json("\"Data to encode\""));
  }

  @Test
  void base64RefusesInputOverTenThousandCharactersAndInvalidBase64() {
    String tooLong = "{\"s\": \"" + "a".repeat(10_001) + "\"}";
    assertFails("States.Base64Encode($.s)", tooLong, "10001 characters; at most 10000");
    assertFails("States.Base64Decode($.s)", tooLong, "at most 10000");
    assertThat(eval("States.Base64Encode($.s)", "{\"s\": \"" + "a".repeat(10_000) + "\"}").asText())
        .hasSize(13_336);
    assertFails("States.Base64Decode('not base64!')", "{}", "not valid Base64");
  }

  @ParameterizedTest
  @CsvSource({
    "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
    "MD5, 812f45842bc6d66ee14572ce20db8e86",
    "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
    "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b"
        + "87525bdc835ebb27e1fb9e9374a15562",
    "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce"
        + "2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"
  })
  void hashComputesEachSupportedAlgorithm(String algorithm, String hex) {
    // The SHA-1 line is the documented example: "input data" -> aaff4a45...
    assertThat(
            eval(
                "States.Hash($.Data, $.Algorithm)",
                "{\"Data\": \"input data\", \"Algorithm\": \"" + algorithm + "\"}"))
        .isEqualTo(json("\"" + hex + "\""));
  }

  @Test
  void hashRefusesUnknownAlgorithmsNullDataAndLongInput() {
    assertFails("States.Hash('x', 'SHA-3')", "{}", "must be one of [MD5, SHA-1");
    assertFails("States.Hash('x', 'sha-1')", "{}", "must be one of");
    assertFails("States.Hash(null, 'MD5')", "{}", "must not be null");
    assertFails(
        "States.Hash($.s, 'MD5')", "{\"s\": \"" + "b".repeat(10_001) + "\"}", "at most 10000");
  }

  @Test
  void jsonMergeIsShallowAsInTheDocumentedExample() {
    assertThat(
            eval(
                "States.JsonMerge($.json1, $.json2, false)",
                "{\"json1\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2},"
                    + " \"json2\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}}"))
        .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"));
  }

  @Test
  void jsonMergeRefusesDeepMergeAndNonObjects() {
    String input = "{\"a\": {}, \"b\": {}}";
    assertFails("States.JsonMerge($.a, $.b, true)", input, "deep merge is not supported");
    assertFails("States.JsonMerge($.a, $.b, 'no')", input, "must be a boolean");
    assertFails("States.JsonMerge($.a, 3, false)", input, "must be a JSON object, got a number");
  }

  @Test
  void mathRandomStaysWithinStartInclusiveAndEndExclusive() {
    for (int i = 0; i < 200; i++) {
      int value = eval("States.MathRandom(1, 4)", "{}").intValue();
      assertThat(value).isBetween(1, 3);
    }
  }

  @Test
  void mathRandomWithASeedIsRepeatable() {
    JsonNode first =
        eval("States.MathRandom($.start, $.end, 1234)", "{\"start\": 1, \"end\": 999}");
    IntrinsicFunctions other = new IntrinsicFunctions(new SplittableRandom(99));
    assertThat(other.evaluate("States.MathRandom(1, 999, 1234)", PathContext.of(json("{}"))))
        .isEqualTo(first);
    assertThat(first.intValue()).isBetween(1, 998);
  }

  @Test
  void mathRandomNeedsStartBelowEnd() {
    assertFails("States.MathRandom(5, 5)", "{}", "must be less than the end number");
  }

  @Test
  void mathAddAddsTheDocumentedValues() {
    assertThat(eval("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}"))
        .isEqualTo(json("110"));
    assertThat(eval("States.MathAdd(1.4, 2.6)", "{}")).isEqualTo(json("4"));
    assertThat(eval("States.MathAdd(2147483647, 2147483647)", "{}")).isEqualTo(json("4294967294"));
  }

  @Test
  void mathAddRefusesValuesOutsideTheIntegerRangeAndNonNumbers() {
    assertFails("States.MathAdd(2147483648, 1)", "{}", "outside the range");
    assertFails("States.MathAdd('1', 1)", "{}", "must be a number, got a string");
  }

  @Test
  void stringSplitSplitsOnEachDelimiterCharacterAsDocumented() {
    assertThat(
            eval(
                "States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}"))
        .isEqualTo(json("[\"1\", \"2\", \"3\", \"4\", \"5\"]"));
    assertThat(
            eval(
                "States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\": \"This.is+a,test=string\", \"splitter\": \".+,=\"}"))
        .isEqualTo(json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"));
    assertFails("States.StringSplit($.n, ',')", "{\"n\": 1}", "must be a string, got a number");
  }

  @Test
  void uuidIsAVersionFourUuidDrawnFromTheInjectedGenerator() {
    String uuid = eval("States.UUID()", "{}").asText();
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    IntrinsicFunctions same = new IntrinsicFunctions(new SplittableRandom(7));
    assertThat(same.evaluate("States.UUID()", PathContext.of(json("{}"))).asText()).isEqualTo(uuid);
    assertThat(eval("States.UUID()", "{}").asText()).isNotEqualTo(uuid);
  }

  @Test
  void byNameIsExactAndCaseSensitive() {
    assertThat(IntrinsicFunction.byName("States.Format")).contains(IntrinsicFunction.FORMAT);
    assertThat(IntrinsicFunction.byName("States.format")).isEmpty();
    assertThat(IntrinsicFunction.values()).hasSize(18);
  }
}
