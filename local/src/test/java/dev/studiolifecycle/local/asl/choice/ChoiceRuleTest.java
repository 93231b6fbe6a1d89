package dev.studiolifecycle.local.asl.choice;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.PathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRuleTest {

  private static boolean matches(String rule, String input) {
    return ChoiceRule.parse(json(rule), "Decide", "Choices[0]")
        .matches(PathContext.of(json(input)));
  }

  /** A rule comparing $.v with a literal operand, against an input holding v. */
  private static boolean compare(String operator, String operand, String value) {
    return matches(
        "{\"Variable\": \"$.v\", \"" + operator + "\": " + operand + "}", "{\"v\": " + value + "}");
  }

  @Test
  void theDocumentedChoiceStateInputMatchesOnlyTheTwentiesRule() {
    String input = "{\"type\": \"Private\", \"value\": 22}";
    assertThat(
            matches("{\"Not\": {\"Variable\": \"$.type\", \"StringEquals\": \"Private\"}}", input))
        .isFalse();
    assertThat(matches("{\"Variable\": \"$.value\", \"NumericEquals\": 0}", input)).isFalse();
    assertThat(
            matches(
                "{\"And\": [{\"Variable\": \"$.value\", \"NumericGreaterThanEquals\": 20},"
                    + " {\"Variable\": \"$.value\", \"NumericLessThan\": 30}]}",
                input))
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "StringEquals             | \"MyString\"    | \"MyString\"    | true",
        "StringEquals             | \"MyString\"    | \"mystring\"    | false",
        "StringGreaterThan        | \"MyStringABC\" | \"MyStringABD\" | true",
        "StringGreaterThan        | \"b\"           | \"b\"           | false",
        "StringGreaterThanEquals  | \"b\"           | \"b\"           | true",
        "StringLessThan           | \"b\"           | \"a\"           | true",
        "StringLessThan           | \"b\"           | \"B\"           | true",
        "StringLessThanEquals     | \"b\"           | \"c\"           | false",
        "StringEquals             | \"1\"           | 1               | false",
        "NumericEquals            | 1               | 1.0             | true",
        "NumericEquals            | 1               | \"1\"           | false",
        "NumericLessThan          | 10              | 9.99            | true",
        "NumericLessThanEquals    | 10              | 10              | true",
        "NumericGreaterThan       | -1              | 0               | true",
        "NumericGreaterThanEquals | 2.5             | 2.4             | false",
        "BooleanEquals            | true            | true            | true",
        "BooleanEquals            | true            | false           | false",
        "BooleanEquals            | true            | \"true\"        | false"
      })
  void comparesStringsNumbersAndBooleansAndTypeMismatchesDoNotMatch(
      String operator, String operand, String value, boolean expected) {
    assertThat(compare(operator, operand, value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TimestampEquals            | 2001-01-01T12:00:00Z      | 2001-01-01T12:00:00Z      | true",
        "TimestampEquals            | 2001-01-01T12:00:00Z      | 2001-01-01T07:00:00-05:00 | true",
        "TimestampEquals            | 2001-01-01T12:00:00Z      | 2001-01-01T12:00:00.000Z  | true",
        "TimestampLessThan          | 2016-03-14T01:59:00Z      | 2016-03-14T01:58:59.9Z    | true",
        "TimestampLessThanEquals    | 2016-03-14T01:59:00Z      | 2016-03-14T01:59:00Z      | true",
        "TimestampGreaterThan       | 2016-03-14T01:59:00Z      | 2016-03-14T02:00:00+01:00 | false",
        "TimestampGreaterThanEquals | 2016-03-14T01:59:00Z      | 2016-03-15T00:00:00Z      | true",
        "TimestampEquals            | 2001-01-01T12:00:00Z      | not a timestamp           | false",
        "TimestampLessThan          | 2001-01-01T12:00:00Z      | 2000-01-01t12:00:00z      | false"
      })
  void comparesTimestampsByInstantAndOtherStringsDoNotMatch(
      String operator, String operand, String value, boolean expected) {
    assertThat(compare(operator, "\"" + operand + "\"", "\"" + value + "\"")).isEqualTo(expected);
  }

  @Test
  void aTimestampIsAlsoAStringForStringEquals() {
    assertThat(compare("StringEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T12:00:00Z\""))
        .isTrue();
    assertThat(compare("TimestampEquals", "\"2001-01-01T12:00:00Z\"", "20010101")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "foo*.log        | foo23.log       | true",
        "*.log           | zebra.log       | true",
        "foo*.*          | foobar.zebra    | true",
        "*.log           | zebra.logs      | false",
        "log-\\\\*.txt   | log-*.txt       | true",
        "log-\\\\*.txt   | log-1.txt       | false",
        "a\\\\\\\\b      | a\\\\b          | true",
        "*               | ''              | true"
      })
  void stringMatchesTreatsStarAsAWildcardUnlessEscaped(
      String pattern, String value, boolean expected) {
    String v = value.equals("''") ? "" : value;
    assertThat(compare("StringMatches", "\"" + pattern + "\"", "\"" + v + "\""))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "IsNull      | null                   | true",
        "IsNull      | 0                      | false",
        "IsNumeric   | 1.5                    | true",
        "IsNumeric   | \"1.5\"                | false",
        "IsString    | \"x\"                  | true",
        "IsString    | null                   | false",
        "IsBoolean   | false                  | true",
        "IsBoolean   | \"false\"              | false",
        "IsTimestamp | \"2016-03-14T01:59:00Z\" | true",
        "IsTimestamp | \"2016-03-14\"         | false",
        "IsPresent   | null                   | true"
      })
  void typeTestsCheckTheVariablesType(String operator, String value, boolean expected) {
    assertThat(compare(operator, "true", value)).isEqualTo(expected);
    assertThat(compare(operator, "false", value)).isEqualTo(!expected);
  }

  @Test
  void isPresentIsFalseForAMissingVariableInsteadOfFailing() {
    assertThat(matches("{\"Variable\": \"$.missing\", \"IsPresent\": true}", "{}")).isFalse();
    assertThat(matches("{\"Variable\": \"$.missing\", \"IsPresent\": false}", "{}")).isTrue();
  }

  @Test
  void anyOtherComparisonOfAMissingVariableIsAStatesRuntimeError() {
    // The developer guide: "If the state input doesn't contain the $.type field, the execution
    // fails".
    assertThatThrownBy(
            () ->
                matches(
                    "{\"Variable\": \"$.type\", \"StringEquals\": \"Private\"}", "{\"value\": 1}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
              assertThat(e.cause()).contains("Invalid path '$.type'");
            });
    assertThatThrownBy(() -> matches("{\"Variable\": \"$.x\", \"IsNull\": true}", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.RUNTIME));
  }

  @Test
  void pathOperatorsCompareWithAnotherValueOfTheInput() {
    String input =
        "{\"a\": 3, \"b\": 5, \"s\": \"x\", \"t\": \"x\", \"yes\": true,"
            + " \"when\": \"2020-01-01T00:00:00Z\", \"later\": \"2020-01-02T00:00:00Z\"}";
    assertThat(matches("{\"Variable\": \"$.a\", \"NumericLessThanPath\": \"$.b\"}", input))
        .isTrue();
    assertThat(matches("{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"$.b\"}", input)).isFalse();
    assertThat(matches("{\"Variable\": \"$.s\", \"StringEqualsPath\": \"$.t\"}", input)).isTrue();
    assertThat(matches("{\"Variable\": \"$.yes\", \"BooleanEqualsPath\": \"$.yes\"}", input))
        .isTrue();
    assertThat(matches("{\"Variable\": \"$.when\", \"TimestampLessThanPath\": \"$.later\"}", input))
        .isTrue();
    assertThat(matches("{\"Variable\": \"$.a\", \"StringEqualsPath\": \"$.s\"}", input)).isFalse();
    assertThatThrownBy(
            () -> matches("{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"$.zz\"}", input))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.RUNTIME));
  }

  @Test
  void variablesCanReadTheContextObject() {
    ChoiceRule rule =
        ChoiceRule.parse(
            json("{\"Variable\": \"$$.Map.Item.Index\", \"NumericEquals\": 0}"), "S", "Choices[0]");
    assertThat(
            rule.matches(
                new PathContext(json("{}"), json("{\"Map\": {\"Item\": {\"Index\": 0}}}"))))
        .isTrue();
  }

  @Test
  void andOrNotCombineRulesAndShortCircuit() {
    String input = "{\"n\": 5}";
    // The second operand of Or would fail (missing variable) if it were evaluated.
    assertThat(
            matches(
                "{\"Or\": [{\"Variable\": \"$.n\", \"NumericEquals\": 5},"
                    + " {\"Variable\": \"$.missing\", \"NumericEquals\": 1}]}",
                input))
        .isTrue();
    assertThat(
            matches(
                "{\"And\": [{\"Variable\": \"$.n\", \"NumericEquals\": 4},"
                    + " {\"Variable\": \"$.missing\", \"NumericEquals\": 1}]}",
                input))
        .isFalse();
    assertThat(matches("{\"Not\": {\"Or\": [{\"Variable\": \"$.n\", \"IsString\": true}]}}", input))
        .isTrue();
  }
}
