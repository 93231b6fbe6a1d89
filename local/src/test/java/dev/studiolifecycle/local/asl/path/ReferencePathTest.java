package dev.studiolifecycle.local.asl.path;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.ReferencePath.Field;
import dev.studiolifecycle.local.asl.path.ReferencePath.Index;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferencePathTest {

  // State input of the ResultPath page of the Step Functions developer guide.
  private static final String INPUT =
      "{\"comment\": \"This is a test\", \"details\": \"Default example\","
          + " \"who\": \"Step Functions\"}";
  private static final JsonNode RESULT = json("\"Hello, Step Functions!\"");

  private static ReferencePath parse(String text) {
    return ReferencePath.parse(text, "S", "ResultPath");
  }

  @Test
  void dollarReplacesTheInputWithTheResult() {
    assertThat(parse("$").set(json(INPUT), RESULT)).isEqualTo(RESULT);
    assertThat(parse("$").isRoot()).isTrue();
  }

  @Test
  void aFieldPathAddsTheResultToTheInput() {
    assertThat(parse("$.taskresult").set(json(INPUT), RESULT))
        .isEqualTo(
            json(
                "{\"comment\": \"This is a test\", \"details\": \"Default example\","
                    + " \"who\": \"Step Functions\", \"taskresult\": \"Hello, Step Functions!\"}"));
  }

  @Test
  void aPathToAnExistingFieldReplacesIt() {
    // The documented "update a node in input with the result" example.
    assertThat(
            parse("$.strings").set(json("{\"strings\": \"AB\", \"other\": 1}"), json("\"ABCD\"")))
        .isEqualTo(json("{\"strings\": \"ABCD\", \"other\": 1}"));
  }

  @Test
  void deepPathsCreateTheMissingObjects() {
    assertThat(parse("$.a.b.c").set(json("{\"x\": 1}"), json("[1]")))
        .isEqualTo(json("{\"x\": 1, \"a\": {\"b\": {\"c\": [1]}}}"));
  }

  @Test
  void deepPathsKeepSiblingsOfExistingObjects() {
    assertThat(parse("$.a.c").set(json("{\"a\": {\"b\": 1}}"), json("2")))
        .isEqualTo(json("{\"a\": {\"b\": 1, \"c\": 2}}"));
  }

  @Test
  void anIndexReplacesAnExistingArrayElement() {
    assertThat(parse("$.list[1]").set(json("{\"list\": [1, 2, 3]}"), json("\"two\"")))
        .isEqualTo(json("{\"list\": [1, \"two\", 3]}"));
    assertThat(parse("$.list[-1].v").set(json("{\"list\": [{}, {\"v\": 0}]}"), json("9")))
        .isEqualTo(json("{\"list\": [{}, {\"v\": 9}]}"));
  }

  @Test
  void settingLeavesTheOriginalInputUnchanged() {
    JsonNode input = json("{\"a\": {\"b\": 1}}");
    parse("$.a.b").set(input, json("2"));
    assertThat(input).isEqualTo(json("{\"a\": {\"b\": 1}}"));
  }

  @Test
  void bracketAndDotNotationNameTheSameFields() {
    assertThat(parse("$['a b'].c").segments()).containsExactly(new Field("a b"), new Field("c"));
    assertThat(parse("$.abc.['def ghi']").segments())
        .containsExactly(new Field("abc"), new Field("def ghi"));
    assertThat(parse("$[\"q\"][0]").segments()).isEqualTo(List.of(new Field("q"), new Index(0)));
    assertThat(parse("$['it\\'s']").segments()).containsExactly(new Field("it's"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$.a.b   | {\"a\": \"text\"}        | '$['a']' is a string, not an object",
        "$.a.b   | {\"a\": [1]}             | '$['a']' is an array, not an object",
        "$.x     | \"just a string\"        | '$' is a string, not an object",
        "$.a[0]  | {\"a\": {\"k\": 1}}      | '$['a']' is an object, not an array",
        "$.a[5]  | {\"a\": [1]}             | '$['a']' has no element 5",
        "$.a[0]  | {}                       | '$['a']' does not exist"
      })
  void writingThroughSomethingThatIsNotAContainerIsAResultPathMatchFailure(
      String path, String input, String detail) {
    assertThatThrownBy(() -> parse(path).set(json(input), json("1")))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
              assertThat(e.cause()).contains("'" + path + "'").contains(detail);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$.a[*]        | wildcards",
        "$.*           | wildcards",
        "$..a          | deep scan",
        "$.a[?(@.x)]   | filters",
        "$.a[0:2]      | slices",
        "$.a[0,1]      | unions",
        "$.a.length()  | functions",
        "$$.Execution  | Context object",
        "a.b           | must start with '$'",
        "$.            | ends with '.'",
        "$.a b         | bracket notation",
        "$['a'         | expected ']'",
        "$[abc]        | expected a quoted name or an index"
      })
  void rejectsAnythingThatIsNotAReferencePath(String text, String reason) {
    assertThatThrownBy(() -> ReferencePath.parse(text, "Store", "ResultPath"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'Store', field 'ResultPath'")
        .hasMessageContaining(reason);
  }

  @Test
  void readsTheNodeItNames() {
    assertThat(parse("$.car.cdr").read(PathContext.of(json("{\"car\": {\"cdr\": true}}"))))
        .isEqualTo(json("true"));
  }

  @Test
  void pathsWithTheSameStepsAreEqual() {
    assertThat(parse("$.a['b']")).isEqualTo(parse("$['a'].b"));
    assertThat(parse("$.a").toString()).isEqualTo("$.a");
  }
}
