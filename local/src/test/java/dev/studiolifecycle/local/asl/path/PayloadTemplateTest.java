package dev.studiolifecycle.local.asl.path;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicFunctions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadTemplateTest {

  private final PayloadTemplate payloads =
      new PayloadTemplate(new IntrinsicFunctions(new SplittableRandom(3)));

  @Test
  void evaluatesTheDocumentedParametersExample() {
    JsonNode input =
        json(
            "{\"comment\": \"Example for Parameters.\", \"product\": {"
                + "\"details\": {\"color\": \"blue\", \"size\": \"small\", \"material\": \"cotton\"},"
                + "\"availability\": \"in stock\", \"sku\": \"2317\", \"cost\": \"$23\"}}");
    JsonNode template =
        json(
            "{\"comment\": \"Selecting what I care about.\", \"MyDetails\": {"
                + "\"size.$\": \"$.product.details.size\", \"exists.$\": \"$.product.availability\","
                + "\"StaticValue\": \"foo\"}}");

    assertThat(payloads.evaluate(template, PathContext.of(input)))
        .isEqualTo(
            json(
                "{\"comment\": \"Selecting what I care about.\", \"MyDetails\": {\"size\": \"small\","
                    + " \"exists\": \"in stock\", \"StaticValue\": \"foo\"}}"));
  }

  @Test
  void readsTheContextObjectWithDoubleDollar() {
    JsonNode template =
        json(
            "{\"Comment\": \"Adding context\","
                + " \"Execution.$\": \"$$.Execution.Id\", \"Index.$\": \"$$.Map.Item.Index\"}");
    PathContext ctx =
        new PathContext(
            json("{}"),
            json(
                "{\"Execution\": {\"Id\": \"arn:aws:states:us-east-1:123456789012:execution:m:e\"},"
                    + " \"Map\": {\"Item\": {\"Index\": 4, \"Value\": \"v\"}}}"));

    assertThat(payloads.evaluate(template, ctx))
        .isEqualTo(
            json(
                "{\"Comment\": \"Adding context\", \"Index\": 4,"
                    + " \"Execution\": \"arn:aws:states:us-east-1:123456789012:execution:m:e\"}"));
  }

  @Test
  void evaluatesIntrinsicFunctions() {
    JsonNode template =
        json(
            "{\"greeting.$\": \"States.Format('Hello, {}', $.name)\","
                + " \"ids.$\": \"States.Array($.id, 2)\"}");
    assertThat(payloads.evaluate(template, PathContext.of(json("{\"name\": \"Jane\", \"id\": 1}"))))
        .isEqualTo(json("{\"greeting\": \"Hello, Jane\", \"ids\": [1, 2]}"));
  }

  @Test
  void evaluatesDynamicFieldsInsideArraysAndNestedObjects() {
    JsonNode template = json("{\"list\": [{\"v.$\": \"$.a\"}, \"static\", [{\"w.$\": \"$.b\"}]]}");
    assertThat(payloads.evaluate(template, PathContext.of(json("{\"a\": 1, \"b\": [2]}"))))
        .isEqualTo(json("{\"list\": [{\"v\": 1}, \"static\", [{\"w\": [2]}]]}"));
  }

  @Test
  void anIndefinitePathYieldsAnArray() {
    JsonNode template = json("{\"flattenArray.$\": \"$[*][*]\"}");
    assertThat(payloads.evaluate(template, PathContext.of(json("[[1, 2], [3]]"))))
        .isEqualTo(json("{\"flattenArray\": [1, 2, 3]}"));
  }

  @Test
  void aMissingPathFailsWithStatesRuntimeAndStepFunctionsMessageAsAwsDoes() {
    JsonNode template = json("{\"address.$\": \"$.application.address\"}");
    assertThatThrownBy(
            () -> payloads.evaluate(template, PathContext.of(json("{\"flagged\":false}"))))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
              assertThat(e.cause())
                  .isEqualTo(
                      "The JSONPath '$.application.address' specified for "
                          + "the field 'address.$' could not be found in the input '{\"flagged\":false}'");
            });
  }

  @Test
  void aFailingIntrinsicIsAnIntrinsicFailure() {
    JsonNode template = json("{\"x.$\": \"States.ArrayGetItem($.a, 5)\"}");
    assertThatThrownBy(() -> payloads.evaluate(template, PathContext.of(json("{\"a\": []}"))))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.INTRINSIC_FAILURE));
  }

  @Test
  void theResultSharesNothingWithTheTemplateOrTheInput() {
    JsonNode template = json("{\"s\": {\"k\": 1}, \"d.$\": \"$.o\"}");
    JsonNode input = json("{\"o\": {\"k\": 1}}");
    JsonNode out = payloads.evaluate(template, PathContext.of(input));
    ((ObjectNode) out.get("s")).put("k", 2);
    ((ObjectNode) out.get("d")).put("k", 2);
    assertThat(template).isEqualTo(json("{\"s\": {\"k\": 1}, \"d.$\": \"$.o\"}"));
    assertThat(input).isEqualTo(json("{\"o\": {\"k\": 1}}"));
  }

  @Test
  void validTemplatesPassValidation() {
    assertThatCode(
            () ->
                PayloadTemplate.validate(
                    json(
                        "{\"a.$\": \"$.x\", \"b.$\": \"$$.Execution.Id\","
                            + " \"c.$\": \"States.UUID()\", \"d\": [{\"e.$\": \"$\"}], "
                            + "\"f\": \"$.literal\"}"),
                    "S",
                    "Parameters"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a.$\": 5}                          | Parameters.a.$ | must hold a string",
        "{\"a.$\": \"x.y\"}                    | Parameters.a.$ | neither a JSONPath",
        "{\"n\": {\"a.$\": \"$.a b\"}}         | Parameters.n.a.$ | not a valid JSONPath",
        "{\"l\": [{\"a.$\": \"States.Nope()\"}]} | Parameters.l[0].a.$ | unknown intrinsic function",
        "{\"a\": 1, \"a.$\": \"$.a\"}          | Parameters.a.$ | the field 'a' is given twice"
      })
  void invalidTemplatesNameTheStateAndTheFieldLocation(
      String template, String location, String reason) {
    assertThatThrownBy(() -> PayloadTemplate.validate(json(template), "Prepare", "Parameters"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'Prepare', field '" + location + "'")
        .hasMessageContaining(reason);
  }
}
