package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema's branches as JSON Schema (draft-07) defines them, in the schema line's own form
 * (cloudformation-property-schemas.txt): allOf all, anyOf at least one, oneOf exactly one.
 */
class SchemaWalkTest {

  /** One property "Target", an object whose "Arn" is a string or whose "Name" is a number. */
  private static final String TARGET_BRANCHES =
      "[{\"p\": {\"Arn\": \"s\"}, \"r\": [\"Arn\"]}, {\"p\": {\"Name\": \"n\"}, \"r\": [\"Name\"]}]";

  private static List<String> problems(String combinator, String properties) {
    JsonNode schema =
        json(
            "{\"d\": {}, \"p\": {\"Target\": {\"t\": \"o\", \""
                + combinator
                + "\": "
                + TARGET_BRANCHES
                + "}}}");
    return new SchemaWalk(schema.path("d")).resource(json(properties), schema);
  }

  private static JsonNode json(String text) {
    try {
      return LocalJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  @Test
  void allOfListsTheProblemsOfEveryBranchThatFails() {
    assertThat(problems("allOf", "{\"Target\": {\"Arn\": \"a\"}}"))
        .containsExactly("#/Target: required key [Name] not found");
    assertThat(problems("allOf", "{\"Target\": {\"Arn\": \"a\", \"Name\": 3}}")).isEmpty();
  }

  @Test
  void anyOfHoldsWithOneBranchAndListsEveryBranchsProblemsWhenNoneHolds() {
    assertThat(problems("anyOf", "{\"Target\": {\"Arn\": \"a\", \"Name\": 3}}")).isEmpty();
    assertThat(problems("anyOf", "{\"Target\": {\"Arn\": {\"Id\": 1}}}"))
        .containsExactly(
            "#/Target/Arn: expected type: String, found: JSONObject",
            "#/Target: required key [Name] not found");
  }

  @Test
  void oneOfRefusesTwoBranchesThatHold() {
    assertThat(problems("oneOf", "{\"Target\": {\"Name\": 3}}")).isEmpty();
    assertThat(problems("oneOf", "{\"Target\": {\"Arn\": \"a\", \"Name\": 3}}"))
        .containsExactly("#/Target: 2 subschemas matched instead of one");
    assertThat(problems("oneOf", "{\"Target\": {}}"))
        .containsExactly(
            "#/Target: required key [Arn] not found", "#/Target: required key [Name] not found");
  }

  @Test
  void aBranchThatHoldsOnlyBecauseAnUnresolvedValueWasPassedOverIsNotCountedAsAMatch() {
    // Name given by an import the local runtime cannot resolve: CloudFormation resolves it first,
    // so whether both branches hold is not known here, and nothing is refused.
    assertThat(
            problems(
                "oneOf", "{\"Target\": {\"Arn\": \"a\", \"Name\": {\"Fn::ImportValue\": \"x\"}}}"))
        .isEmpty();
    assertThat(problems("oneOf", "{\"Target\": {\"Name\": {\"Fn::ImportValue\": \"x\"}}}"))
        .isEmpty();
  }
}
