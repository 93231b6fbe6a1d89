package dev.studiolifecycle.local.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.choice.ComparisonOperator.Family;
import dev.studiolifecycle.local.asl.choice.ComparisonOperator.Relation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ComparisonOperatorTest {

  @Test
  void coversEveryOperatorOfTheSpecification() {
    // 5 relations x (String, Numeric, Timestamp) x (literal, Path) + BooleanEquals(Path)
    // + StringMatches + 6 type tests.
    assertThat(ComparisonOperator.values()).hasSize(30 + 2 + 1 + 6);
    assertThat(Arrays.stream(ComparisonOperator.values()).filter(ComparisonOperator::takesPath))
        .hasSize(16);
  }

  @Test
  void looksUpByExactFieldName() {
    assertThat(ComparisonOperator.byFieldName("TimestampGreaterThanEqualsPath"))
        .contains(ComparisonOperator.TIMESTAMP_GREATER_THAN_EQUALS_PATH);
    assertThat(ComparisonOperator.byFieldName("stringequals")).isEmpty();
    assertThat(ComparisonOperator.byFieldName("StringMatchesPath")).isEmpty();
  }

  @Test
  void pathVariantsShareFamilyAndRelationWithTheirLiteralForm() {
    for (ComparisonOperator op : ComparisonOperator.values()) {
      if (op.takesPath()) {
        String literalName = op.fieldName().substring(0, op.fieldName().length() - 4);
        ComparisonOperator literal = ComparisonOperator.byFieldName(literalName).orElseThrow();
        assertThat(op.family()).isEqualTo(literal.family());
        assertThat(op.relation()).isEqualTo(literal.relation());
      }
    }
    assertThat(ComparisonOperator.IS_PRESENT.family()).isEqualTo(Family.TYPE_TEST);
  }

  @Test
  void relationsReadACompareToResult() {
    assertThat(Relation.EQ.holds(0)).isTrue();
    assertThat(Relation.EQ.holds(1)).isFalse();
    assertThat(Relation.LT.holds(-3)).isTrue();
    assertThat(Relation.LT.holds(0)).isFalse();
    assertThat(Relation.LTE.holds(0)).isTrue();
    assertThat(Relation.GT.holds(2)).isTrue();
    assertThat(Relation.GTE.holds(-1)).isFalse();
  }
}
