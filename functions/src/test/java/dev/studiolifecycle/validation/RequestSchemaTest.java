package dev.studiolifecycle.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.model.ModelJson;
import org.junit.jupiter.api.Test;

class RequestSchemaTest {

  private static final RequestSchema SCHEMA = RequestSchema.load();

  private static JsonNode json(String text) throws Exception {
    return ModelJson.readTree(text);
  }

  @Test
  void acceptsAMinimalRequest() throws Exception {
    assertThat(
            SCHEMA.violations(
                json("{\"action\":\"ONBOARD\",\"domainId\":\"d-x\",\"userProfileName\":\"u\"}")))
        .isEmpty();
  }

  @Test
  void namesUnknownFieldsAtAnyDepth() throws Exception {
    assertThat(
            SCHEMA.violations(
                json(
                    "{\"action\":\"ONBOARD\",\"domainId\":\"d-x\",\"userProfileName\":\"u\","
                        + "\"userProfilename\":\"typo\","
                        + "\"executionRole\":{\"crate\":{}}}")))
        .containsExactly(
            "executionRole.crate: unknown field (not in the request schema)",
            "userProfilename: unknown field (not in the request schema)");
  }

  @Test
  void namesMissingRequiredFields() throws Exception {
    assertThat(SCHEMA.violations(json("{\"userProfileName\":\"u\"}")))
        .as(
            "only the action is required by shape: the request rules require a domain of the"
                + " actions other than OFFBOARD and RESTORE, and a profile name unless an OFFBOARD"
                + " names an Identity Center user")
        .containsExactly("action: is required");
  }

  @Test
  void namesTypeErrorsWithTheExpectedType() throws Exception {
    assertThat(
            SCHEMA.violations(
                json(
                    "{\"action\":\"ONBOARD\",\"domainId\":\"d-x\",\"userProfileName\":\"u\","
                        + "\"jumpStart\":\"no\",\"tags\":{\"team\":1},"
                        + "\"executionRole\":{\"create\":{\"s3Buckets\":[\"ok\",5]}}}")))
        .containsExactlyInAnyOrder(
            "jumpStart: must be a boolean, not a string",
            "tags.team: must be a string, not an integer",
            "executionRole.create.s3Buckets[1]: must be a string, not an integer");
  }

  @Test
  void listsTheAllowedEnumValues() throws Exception {
    assertThat(
            SCHEMA.violations(
                json(
                    "{\"action\":\"ONBORD\",\"domainId\":\"d-x\",\"userProfileName\":\"u\","
                        + "\"rstudio\":\"OWNER\"}")))
        .containsExactly(
            "action: must be one of ONBOARD, UPDATE, OFFBOARD, RESTORE",
            "rstudio: must be one of UNAUTHORIZED, ADMIN, USER");
  }

  @Test
  void requiresEnabledInTimeSeriesForecasting() throws Exception {
    assertThat(
            SCHEMA.violations(
                json(
                    "{\"action\":\"ONBOARD\",\"domainId\":\"d-x\",\"userProfileName\":\"u\","
                        + "\"canvas\":{\"timeSeriesForecasting\":{}}}")))
        .containsExactly("canvas.timeSeriesForecasting.enabled: is required");
  }

  @Test
  void turnsJsonPointersIntoFieldNames() throws Exception {
    JsonNode root = json("{\"a\":{\"b\":[{\"c\":1}]},\"t\":{\"1\":\"x\"}}");
    assertThat(RequestSchema.fieldName(root, "/a/b/0/c")).isEqualTo("a.b[0].c");
    assertThat(RequestSchema.fieldName(root, "/t/1")).isEqualTo("t.1");
    assertThat(RequestSchema.fieldName(root, "")).isEmpty();
  }
}
