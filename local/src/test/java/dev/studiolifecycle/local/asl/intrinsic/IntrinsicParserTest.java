package dev.studiolifecycle.local.asl.intrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Call;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.Literal;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.PathArgument;
import dev.studiolifecycle.local.asl.intrinsic.IntrinsicExpression.StringLiteral;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicParserTest {

  @Test
  void parsesEveryKindOfArgument() {
    Call call =
        IntrinsicParser.parse(
            "States.Array('a, b', -1.5e2, 7, true, false, null, $.x, $$.Execution.Id, States.UUID())");
    assertThat(call.function()).isEqualTo(IntrinsicFunction.ARRAY);
    assertThat(call.arguments())
        .containsExactly(
            new StringLiteral("a, b"),
            new Literal(DoubleNode.valueOf(-150.0)),
            new Literal(IntNode.valueOf(7)),
            new Literal(BooleanNode.TRUE),
            new Literal(BooleanNode.FALSE),
            new Literal(NullNode.getInstance()),
            new PathArgument("$.x"),
            new PathArgument("$$.Execution.Id"),
            new Call(IntrinsicFunction.UUID_V4, List.of()));
  }

  @Test
  void pathsKeepCommasAndParenthesesInsideBracketsAndQuotes() {
    Call call =
        IntrinsicParser.parse("States.Array($['a,b'], $.items[?(@.x == 'y)')].id , $.list[0])");
    assertThat(call.arguments())
        .containsExactly(
            new PathArgument("$['a,b']"),
            new PathArgument("$.items[?(@.x == 'y)')].id"),
            new PathArgument("$.list[0]"));
  }

  @Test
  void parsesTheDocumentedNestingButCountsItsPlaceholders() {
    String nested =
        "States.ArrayGetItem("
            + "States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2),"
            + " '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1)";
    // The developer guide's example has three placeholders and two values; the specification
    // requires as many values as placeholders, so the example as printed is refused.
    assertThatThrownBy(() -> IntrinsicParser.parse("States.Format('{}.{}.{}', " + nested + ")"))
        .hasMessageContaining("3 '{}' placeholder(s) but 2 value(s)");
    Call call = IntrinsicParser.parse("States.Format('{}.{}', " + nested + ")");
    assertThat(call.arguments()).hasSize(3);
  }

  @Test
  void refusesMoreThanTenNestedFunctions() {
    String ten = "States.Array(".repeat(10) + ")".repeat(10);
    assertThat(IntrinsicParser.parse(ten).function()).isEqualTo(IntrinsicFunction.ARRAY);
    String eleven = "States.Array(".repeat(11) + ")".repeat(11);
    assertThatThrownBy(() -> IntrinsicParser.parse(eleven))
        .hasMessageContaining("more than 10 intrinsic functions are nested");
  }

  @Test
  void keepsEscapesInTheRawStringAndResolvesThemInTheValue() {
    Call call = IntrinsicParser.parse("States.Format('it\\'s \\{\\} \\\\')");
    StringLiteral literal = (StringLiteral) call.arguments().get(0);
    assertThat(literal.raw()).isEqualTo("it\\'s \\{\\} \\\\");
    assertThat(literal.value()).isEqualTo("it's {} \\");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "States.Nope(1)                   | unknown intrinsic function 'States.Nope'",
        "States.format('x')               | unknown intrinsic function 'States.format'",
        "States.Format('a\\b')            | open escape",
        "States.Format('abc)              | unterminated string literal",
        "States.Array(1 2)                | expected ',' or ')'",
        "States.Array(1,)                 | missing argument",
        "States.Array(foo)                | 'foo' is not a string",
        "States.Array(1) extra            | unexpected text after the closing ')'",
        "States.Array                     | expected '('",
        "States.Array($.a b)              | is not a valid JSONPath",
        "States.ArrayGetItem($.a)         | States.ArrayGetItem takes 2 arguments, got 1",
        "States.MathRandom(1)             | States.MathRandom takes 2 to 3 arguments, got 1",
        "States.Format()                  | States.Format takes at least 1 argument, got 0",
        "States.UUID(1)                   | States.UUID takes 0 arguments, got 1",
        "States.Format('{} {}', 1)        | 2 '{}' placeholder(s) but 1 value(s)",
        "States.Format(3, 1)              | the first argument must be a string template",
        "States.JsonToString('{}')        | the argument must be a path"
      })
  void reportsWhatIsWrongAndWhere(String expression, String message) {
    assertThatThrownBy(() -> IntrinsicParser.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
