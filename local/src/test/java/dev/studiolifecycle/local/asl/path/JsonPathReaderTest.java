package dev.studiolifecycle.local.asl.path;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathReaderTest {

  // The document of the Step Functions "Reference Paths" section.
  private static final String REFERENCE_DOC =
      "{\"foo\": 123, \"bar\": [\"a\", \"b\", \"c\"], \"car\": {\"cdr\": true}}";

  private static final String STORE =
      "{\"store\": {\"book\": ["
          + "{\"category\": \"reference\", \"author\": \"Nigel Rees\", \"price\": 8.95},"
          + "{\"category\": \"fiction\", \"author\": \"Evelyn Waugh\", \"price\": 12.99},"
          + "{\"category\": \"fiction\", \"author\": \"Herman Melville\", \"price\": 8.99,"
          + " \"isbn\": \"0-553-21311-3\"}],"
          + " \"bicycle\": {\"color\": \"red\", \"price\": 19.95}},"
          + " \"field with space\": \"spaced\", \"nothing\": null}";

  private static JsonNode read(String path, String input) {
    return JsonPathReader.read(path, PathContext.of(json(input)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"$.foo     | 123", "$.bar     | [\"a\", \"b\", \"c\"]", "$.car.cdr | true"})
  void readsTheDocumentedReferencePathExamples(String path, String expected) {
    assertThat(read(path, REFERENCE_DOC)).isEqualTo(json(expected));
  }

  @Test
  void dollarAloneIsTheWholeInput() {
    assertThat(read("$", REFERENCE_DOC)).isEqualTo(json(REFERENCE_DOC));
  }

  @Test
  void slicesYieldAnArrayAsInTheInputPathDocumentation() {
    // "If you apply the path $.a[0:2], the following is the result: [ 1, 2 ]"
    assertThat(read("$.a[0:2]", "{\"a\": [1, 2, 3, 4]}")).isEqualTo(json("[1, 2]"));
    assertThat(read("$.a[-1:]", "{\"a\": [1, 2, 3, 4]}")).isEqualTo(json("[4]"));
  }

  @Test
  void definitePathsYieldTheValueItself() {
    assertThat(read("$.store.book[0].author", STORE)).isEqualTo(json("\"Nigel Rees\""));
    assertThat(read("$.store.book[-1].price", STORE)).isEqualTo(json("8.99"));
    assertThat(read("$['field with space']", STORE)).isEqualTo(json("\"spaced\""));
    assertThat(read("$.store['bicycle'].color", STORE)).isEqualTo(json("\"red\""));
    assertThat(JsonPathReader.isDefinite("$.store.book[0].author")).isTrue();
  }

  @Test
  void aPresentNullIsReturnedAsNullNotAsMissing() {
    assertThat(read("$.nothing", STORE).isNull()).isTrue();
  }

  @Test
  void wildcardsYieldAnArrayOfEveryMatch() {
    assertThat(read("$.store.book[*].author", STORE))
        .isEqualTo(json("[\"Nigel Rees\", \"Evelyn Waugh\", \"Herman Melville\"]"));
    assertThat(JsonPathReader.isDefinite("$.store.book[*].author")).isFalse();
  }

  @Test
  void deepScanFindsMembersAtAnyDepth() {
    assertThat(read("$..price", STORE)).isEqualTo(json("[8.95, 12.99, 8.99, 19.95]"));
  }

  @Test
  void filtersSelectMatchingElements() {
    assertThat(read("$.store.book[?(@.price < 10)].author", STORE))
        .isEqualTo(json("[\"Nigel Rees\", \"Herman Melville\"]"));
    assertThat(read("$.store.book[?(@.isbn)].author", STORE))
        .isEqualTo(json("[\"Herman Melville\"]"));
    assertThat(read("$.store.book[?(@.category == 'fiction')].price", STORE))
        .isEqualTo(json("[12.99, 8.99]"));
  }

  @Test
  void flattensAnArrayOfArraysAsTheResultSelectorDocumentationShows() {
    assertThat(read("$[*][*]", "[[1, 2], [3, 4]]")).isEqualTo(json("[1, 2, 3, 4]"));
  }

  @Test
  void indefinitePathThatMatchesNothingYieldsAnEmptyArray() {
    assertThat(read("$.store.book[?(@.price > 100)]", STORE)).isEqualTo(json("[]"));
    assertThat(read("$..missing", STORE)).isEqualTo(json("[]"));
  }

  @Test
  void lengthFunctionCountsArrayElements() {
    assertThat(read("$.store.book.length()", STORE)).isEqualTo(json("3"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$.missing",
        "$.store.book[7]",
        "$.store.book[-9]",
        "$.store.book[3].x",
        "$.store.bicycle.color.shade",
        "$.nothing.x",
        "$['no such field']"
      })
  void aDefinitePathThatSelectsNothingIsNotFound(String path) {
    assertThatThrownBy(() -> read(path, STORE))
        .isInstanceOf(PathNotFoundException.class)
        .satisfies(e -> assertThat(((PathNotFoundException) e).path()).isEqualTo(path));
  }

  @Test
  void notFoundKeepsTheDocumentForTheCallersMessage() {
    PathNotFoundException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            PathNotFoundException.class,
            () -> read("$.application.address", "{\"flagged\":false}"));
    assertThat(e.describeFor("address.$"))
        .isEqualTo(
            "The JSONPath '$.application.address' "
                + "specified for the field 'address.$' could not be found in the input "
                + "'{\"flagged\":false}'");
  }

  @Test
  void aMultiPropertyLeafSelectsAnObjectOfThoseMembers() {
    assertThat(read("$['a', 'b']", "{\"a\": 1, \"b\": 2, \"c\": 3}"))
        .isEqualTo(json("{\"a\": 1, \"b\": 2}"));
  }

  @Test
  void doubleDollarPathsReadTheContextObject() {
    JsonNode context =
        json(
            "{\"Execution\": {\"Id\": \"arn:exec\", \"Input\": {\"a\": 1}},"
                + " \"Map\": {\"Item\": {\"Index\": 2, \"Value\": {\"id\": \"x\"}}}}");
    PathContext ctx = new PathContext(json("{\"Map\": \"not this one\"}"), context);

    assertThat(JsonPathReader.read("$$.Map.Item.Value", ctx)).isEqualTo(json("{\"id\": \"x\"}"));
    assertThat(JsonPathReader.read("$$.Map.Item.Index", ctx)).isEqualTo(json("2"));
    assertThat(JsonPathReader.read("$$", ctx)).isEqualTo(context);
    assertThat(JsonPathReader.read("$.Map", ctx)).isEqualTo(json("\"not this one\""));
    assertThatThrownBy(() -> JsonPathReader.read("$$.Task.Token", ctx))
        .isInstanceOf(PathNotFoundException.class)
        .hasMessageContaining("arn:exec");
  }

  @Test
  void returnedValuesAreCopiesSoChangingThemLeavesTheInputAlone() {
    JsonNode input = json("{\"a\": {\"b\": 1}}");
    ObjectNode selected = (ObjectNode) JsonPathReader.read("$.a", PathContext.of(input));
    selected.put("b", 2);
    assertThat(input).isEqualTo(json("{\"a\": {\"b\": 1}}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$",
        "$.a",
        "$$.Execution.Id",
        "$['a b'].c",
        "$.a[?(@.x == 1)]",
        "$..x",
        "$.a[-1:]",
        "$.a.length()"
      })
  void validPathsPassValidation(String path) {
    JsonPathReader.validate(path, "S", "InputPath");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "", "$.a b", "$.", "$..", "$[", "foo$"})
  void invalidPathsFailValidationNamingStateAndField(String path) {
    assertThatThrownBy(() -> JsonPathReader.validate(path, "Lookup", "InputPath"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("'Lookup'")
        .hasMessageContaining("'InputPath'");
  }

  /** A path cut short is refused in words, not with the name of an exception inside the parser. */
  @Test
  void aPathCutShortIsRefusedInWords() {
    assertThat(JsonPathReader.syntaxProblem("$..["))
        .hasValueSatisfying(
            problem ->
                assertThat(problem).startsWith("it does not parse").doesNotContain("Exception"));
  }
}
