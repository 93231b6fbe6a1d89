package dev.studiolifecycle.local.asl.choice;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.And;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.Comparison;
import dev.studiolifecycle.local.asl.choice.ChoiceRule.Not;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRuleParserTest {

  @Test
  void buildsTheRuleTree() {
    ChoiceRule rule =
        ChoiceRuleParser.parse(
            json(
                "{\"And\": [{\"Variable\": \"$.v\","
                    + " \"NumericEquals\": 1}, {\"Not\": {\"Variable\": \"$.w\", \"IsNull\": true}}],"
                    + " \"Next\": \"X\", \"Comment\": \"both\"}"),
            "S",
            "Choices[0]",
            true);
    assertThat(rule)
        .isEqualTo(
            new And(
                List.of(
                    new Comparison("$.v", ComparisonOperator.NUMERIC_EQUALS, IntNode.valueOf(1)),
                    new Not(new Comparison("$.w", ComparisonOperator.IS_NULL, json("true"))))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // rule | location | reason
        "[]                                                     | Choices[0]"
            + " | must be a JSON object",
        "{\"Variable\": \"$.a\"}                                 | Choices[0]"
            + " | needs a comparison operator",
        "{\"StringEquals\": \"x\"}                               | Choices[0]"
            + " | 'StringEquals' needs a 'Variable'",
        "{\"Variable\": \"$.a\", \"StringEqual\": \"x\"}         | Choices[0]"
            + " | unknown field 'StringEqual'",
        "{\"Variable\": \"$.a\", \"StringEquals\": \"x\", \"NumericEquals\": 1} | Choices[0]"
            + " | both 'StringEquals' and 'NumericEquals'",
        "{\"Variable\": \"$.a\", \"StringEquals\": 1}            | Choices[0].StringEquals"
            + " | must be a string, not number",
        "{\"Variable\": \"$.a\", \"NumericEquals\": \"1\"}       | Choices[0].NumericEquals"
            + " | must be a number, not string",
        "{\"Variable\": \"$.a\", \"BooleanEquals\": \"true\"}    | Choices[0].BooleanEquals"
            + " | must be a boolean",
        "{\"Variable\": \"$.a\", \"IsPresent\": 1}               | Choices[0].IsPresent"
            + " | must be a boolean",
        "{\"Variable\": \"$.a\", \"TimestampEquals\": \"2016-03-14 01:59:00\"}"
            + " | Choices[0].TimestampEquals | is not an RFC 3339 timestamp",
        "{\"Variable\": \"$.a\", \"TimestampEquals\": \"2016-03-14t01:59:00z\"}"
            + " | Choices[0].TimestampEquals | is not an RFC 3339 timestamp",
        "{\"Variable\": \"$.a\", \"StringMatches\": \"a\\\\b\"}  | Choices[0].StringMatches"
            + " | must be followed by '*' or '\\'",
        "{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"b\"}   | Choices[0].NumericEqualsPath"
            + " | not a valid JSONPath",
        "{\"Variable\": \"$.a\", \"NumericEqualsPath\": 3}       | Choices[0].NumericEqualsPath"
            + " | must be a string path",
        "{\"Variable\": \"a.b\", \"IsNull\": true}               | Choices[0].Variable"
            + " | not a valid JSONPath",
        "{\"Variable\": 7, \"IsNull\": true}                     | Choices[0].Variable"
            + " | must be a string path",
        "{\"And\": []}                                           | Choices[0].And"
            + " | must be a non-empty array",
        "{\"Or\": {\"Variable\": \"$.a\", \"IsNull\": true}}     | Choices[0].Or"
            + " | must be a non-empty array",
        "{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"X\"}]} | Choices[0].And[0]"
            + " | 'Next' is only allowed in a top-level Choice Rule",
        "{\"Not\": {\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"X\"}}   | Choices[0].Not"
            + " | 'Next' is only allowed",
        "{\"Not\": {\"Variable\": \"$.a\"}}                       | Choices[0].Not"
            + " | needs a comparison operator",
        "{\"Variable\": \"$.a\", \"And\": [{\"Variable\": \"$.a\", \"IsNull\": true}]}"
            + " | Choices[0] | 'Variable' cannot be used with 'And'",
        "{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true}], \"Or\": []} | Choices[0]"
            + " | both 'And' and 'Or'"
      })
  void malformedRulesAreDefinitionErrorsNamingStateAndLocation(
      String rule, String location, String reason) {
    assertThatThrownBy(() -> ChoiceRuleParser.parse(json(rule), "Route", "Choices[0]", false))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'Route', field '" + location + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void everyOperatorIsAccepted() {
    for (ComparisonOperator op : ComparisonOperator.values()) {
      String operand;
      if (op.takesPath()) {
        operand = "\"$.other\"";
      } else {
        switch (op.family()) {
          case NUMERIC:
            operand = "1";
            break;
          case BOOLEAN:
          case TYPE_TEST:
            operand = "true";
            break;
          case TIMESTAMP:
            operand = "\"2016-03-14T01:59:00Z\"";
            break;
          default:
            operand = "\"x*\"";
        }
      }
      ChoiceRule rule =
          ChoiceRuleParser.parse(
              json("{\"Variable\": \"$.v\", \"" + op.fieldName() + "\": " + operand + "}"),
              "S",
              "Choices[0]",
              false);
      assertThat(((Comparison) rule).operator()).isEqualTo(op);
    }
  }
}
