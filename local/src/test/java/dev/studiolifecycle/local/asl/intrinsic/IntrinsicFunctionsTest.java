package dev.studiolifecycle.local.asl.intrinsic;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.path.PathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntrinsicFunctionsTest {

  private final IntrinsicFunctions functions = new IntrinsicFunctions(new SplittableRandom(1));

  @Test
  void recognisesIntrinsicsByTheirStatesPrefix() {
    assertThat(IntrinsicFunctions.isIntrinsic("States.Array(1)")).isTrue();
    assertThat(IntrinsicFunctions.isIntrinsic("$.States")).isFalse();
    assertThat(IntrinsicFunctions.isIntrinsic(null)).isFalse();
  }

  @Test
  void parseErrorsAreDefinitionErrorsNamingStateAndField() {
    assertThatThrownBy(
            () -> IntrinsicFunctions.parse("States.Frobnicate()", "Prepare", "Parameters.id.$"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'Prepare', field 'Parameters.id.$'")
        .hasMessageContaining("unknown intrinsic function 'States.Frobnicate'");
  }

  @Test
  void evaluatesTheDocumentedNestedArnExampleWithItsThirdValue() {
    String expression =
        "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit("
            + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), "
            + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit("
            + "$.ImageRecipe.Arn, '/'), 2), '.'), 1), 'x')";
    JsonNode input =
        json(
            "{\"ImageRecipe\": {\"Arn\": "
                + "\"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.v2/1.0.0\"}}");
    // Element 2 of the '/' split is "1.0.0"; its '.' split gives 1 and 0.
    assertThat(functions.evaluate(expression, PathContext.of(input))).isEqualTo(json("\"1.0.x\""));
  }

  @Test
  void pathArgumentsReadTheContextObject() {
    PathContext ctx = new PathContext(json("{}"), json("{\"Execution\": {\"Name\": \"run-1\"}}"));
    assertThat(functions.evaluate("States.Format('exec {}', $$.Execution.Name)", ctx))
        .isEqualTo(json("\"exec run-1\""));
  }

  @Test
  void aMissingPathArgumentIsAnIntrinsicFailureNamingThePath() {
    assertThatThrownBy(
            () -> functions.evaluate("States.Array($.missing)", PathContext.of(json("{\"a\": 1}"))))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.INTRINSIC_FAILURE);
              assertThat(e.cause())
                  .startsWith("States.Array: ")
                  .contains("'$.missing'")
                  .contains("{\"a\":1}");
            });
  }

  @Test
  void anUncheckedInvalidExpressionFailsAtRunTimeAsAnIntrinsicFailure() {
    assertThatThrownBy(() -> functions.evaluate("States.Array(", PathContext.of(json("{}"))))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.INTRINSIC_FAILURE));
  }

  @Test
  void randomnessComesFromTheInjectedGenerator() {
    IntrinsicFunctions a = new IntrinsicFunctions(new SplittableRandom(42));
    IntrinsicFunctions b = new IntrinsicFunctions(new SplittableRandom(42));
    PathContext ctx = PathContext.of(json("{}"));
    for (int i = 0; i < 5; i++) {
      assertThat(a.evaluate("States.MathRandom(0, 1000000)", ctx))
          .isEqualTo(b.evaluate("States.MathRandom(0, 1000000)", ctx));
    }
  }

  @Test
  void resultsDoNotShareNodesWithTheInput() {
    JsonNode input = json("{\"o\": {\"k\": 1}}");
    JsonNode result = functions.evaluate("States.Array($.o)", PathContext.of(input));
    ((ObjectNode) result.get(0)).put("k", 2);
    assertThat(input).isEqualTo(json("{\"o\": {\"k\": 1}}"));
  }
}
