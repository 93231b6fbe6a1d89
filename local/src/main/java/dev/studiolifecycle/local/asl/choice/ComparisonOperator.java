package dev.studiolifecycle.local.asl.choice;

import java.util.Arrays;
import java.util.Optional;

/**
 * The comparison operators of a Choice Rule. A {@code ...Path} operator takes its operand from a
 * path instead of a literal.
 */
public enum ComparisonOperator {
  STRING_EQUALS("StringEquals", Family.STRING, Relation.EQ),
  STRING_EQUALS_PATH("StringEqualsPath", Family.STRING, Relation.EQ),
  STRING_LESS_THAN("StringLessThan", Family.STRING, Relation.LT),
  STRING_LESS_THAN_PATH("StringLessThanPath", Family.STRING, Relation.LT),
  STRING_GREATER_THAN("StringGreaterThan", Family.STRING, Relation.GT),
  STRING_GREATER_THAN_PATH("StringGreaterThanPath", Family.STRING, Relation.GT),
  STRING_LESS_THAN_EQUALS("StringLessThanEquals", Family.STRING, Relation.LTE),
  STRING_LESS_THAN_EQUALS_PATH("StringLessThanEqualsPath", Family.STRING, Relation.LTE),
  STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Family.STRING, Relation.GTE),
  STRING_GREATER_THAN_EQUALS_PATH("StringGreaterThanEqualsPath", Family.STRING, Relation.GTE),
  STRING_MATCHES("StringMatches", Family.STRING_PATTERN, Relation.EQ),

  NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, Relation.EQ),
  NUMERIC_EQUALS_PATH("NumericEqualsPath", Family.NUMERIC, Relation.EQ),
  NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, Relation.LT),
  NUMERIC_LESS_THAN_PATH("NumericLessThanPath", Family.NUMERIC, Relation.LT),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, Relation.GT),
  NUMERIC_GREATER_THAN_PATH("NumericGreaterThanPath", Family.NUMERIC, Relation.GT),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, Relation.LTE),
  NUMERIC_LESS_THAN_EQUALS_PATH("NumericLessThanEqualsPath", Family.NUMERIC, Relation.LTE),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, Relation.GTE),
  NUMERIC_GREATER_THAN_EQUALS_PATH("NumericGreaterThanEqualsPath", Family.NUMERIC, Relation.GTE),

  BOOLEAN_EQUALS("BooleanEquals", Family.BOOLEAN, Relation.EQ),
  BOOLEAN_EQUALS_PATH("BooleanEqualsPath", Family.BOOLEAN, Relation.EQ),

  TIMESTAMP_EQUALS("TimestampEquals", Family.TIMESTAMP, Relation.EQ),
  TIMESTAMP_EQUALS_PATH("TimestampEqualsPath", Family.TIMESTAMP, Relation.EQ),
  TIMESTAMP_LESS_THAN("TimestampLessThan", Family.TIMESTAMP, Relation.LT),
  TIMESTAMP_LESS_THAN_PATH("TimestampLessThanPath", Family.TIMESTAMP, Relation.LT),
  TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Family.TIMESTAMP, Relation.GT),
  TIMESTAMP_GREATER_THAN_PATH("TimestampGreaterThanPath", Family.TIMESTAMP, Relation.GT),
  TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Family.TIMESTAMP, Relation.LTE),
  TIMESTAMP_LESS_THAN_EQUALS_PATH("TimestampLessThanEqualsPath", Family.TIMESTAMP, Relation.LTE),
  TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Family.TIMESTAMP, Relation.GTE),
  TIMESTAMP_GREATER_THAN_EQUALS_PATH(
      "TimestampGreaterThanEqualsPath", Family.TIMESTAMP, Relation.GTE),

  IS_NULL("IsNull", Family.TYPE_TEST, Relation.EQ),
  IS_PRESENT("IsPresent", Family.TYPE_TEST, Relation.EQ),
  IS_NUMERIC("IsNumeric", Family.TYPE_TEST, Relation.EQ),
  IS_STRING("IsString", Family.TYPE_TEST, Relation.EQ),
  IS_BOOLEAN("IsBoolean", Family.TYPE_TEST, Relation.EQ),
  IS_TIMESTAMP("IsTimestamp", Family.TYPE_TEST, Relation.EQ);

  /** What kind of values an operator compares. */
  public enum Family {
    STRING,
    STRING_PATTERN,
    NUMERIC,
    BOOLEAN,
    TIMESTAMP,
    TYPE_TEST
  }

  /** How the variable must relate to the operand for the rule to match. */
  public enum Relation {
    EQ,
    LT,
    GT,
    LTE,
    GTE;

    /** Whether a comparison result ({@code variable.compareTo(operand)}) satisfies it. */
    boolean holds(int comparison) {
      switch (this) {
        case EQ:
          return comparison == 0;
        case LT:
          return comparison < 0;
        case GT:
          return comparison > 0;
        case LTE:
          return comparison <= 0;
        case GTE:
          return comparison >= 0;
        default:
          throw new IllegalStateException("unknown relation " + this);
      }
    }
  }

  private final String fieldName;
  private final Family family;
  private final Relation relation;

  ComparisonOperator(String fieldName, Family family, Relation relation) {
    this.fieldName = fieldName;
    this.family = family;
    this.relation = relation;
  }

  /** The field name in a Choice Rule, e.g. {@code NumericLessThanPath}. */
  public String fieldName() {
    return fieldName;
  }

  public Family family() {
    return family;
  }

  public Relation relation() {
    return relation;
  }

  /** Whether the operand is a path to the value to compare with. */
  public boolean takesPath() {
    return fieldName.endsWith("Path");
  }

  /** The operator with that exact field name. */
  public static Optional<ComparisonOperator> byFieldName(String name) {
    return Arrays.stream(values()).filter(op -> op.fieldName.equals(name)).findFirst();
  }
}
