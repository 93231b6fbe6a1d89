package dev.studiolifecycle.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputTransformerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant INGESTED = Instant.parse("2026-03-02T09:15:01Z");
  private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/hired";

  private static JsonNode event() {
    try {
      return JSON.readTree(
          "{\"id\": \"e-1\", \"detail-type\": \"Employee Hired\", "
              + "\"source\": \"com.example.hr\", \"detail\": {\"eventId\": \"hr-1\", \"count\": 3, "
              + "\"employee\": {\"userName\": \"jane-doe\", \"groups\": [\"a\", \"b\"]}}}");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static TransformedInput apply(Map<String, String> paths, String template) {
    return InputTransformer.of(paths, template, "t").apply(event(), RULE_ARN, "hired", INGESTED);
  }

  @Test
  void quotesStringsOutsideJsonStringsAndWritesOtherValuesAsJson() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("user", "$.detail.employee.userName");
    paths.put("count", "$.detail.count");
    paths.put("groups", "$.detail.employee.groups");
    TransformedInput input =
        apply(
            paths,
            "{\"userProfileName\": <user>, \"n\": <count>, \"g\": <groups>, \"quoted\": \"<user>\"}");
    assertThat(input.json().orElseThrow().toString())
        .isEqualTo(
            "{\"userProfileName\":\"jane-doe\",\"n\":3,\"g\":[\"a\",\"b\"],\"quoted\":\"jane-doe\"}");
    assertThat(input.missingVariables()).isEmpty();
  }

  @Test
  void anObjectInsideAStringLosesItsQuotes() {
    TransformedInput input =
        apply(Map.of("groups", "$.detail.employee.groups"), "{\"text\": \"groups <groups>\"}");
    assertThat(input.json().orElseThrow().get("text").asText()).isEqualTo("groups [a,b]");
  }

  @Test
  void aMissingPathCreatesNoVariableAndLeavesItsPlaceholderOut() {
    Map<String, String> paths = Map.of("sso", "$.detail.employee.ssoUserName");
    TransformedInput quoted = apply(paths, "{\"ssoUserName\": \"<sso>\"}");
    assertThat(quoted.text()).isEqualTo("{\"ssoUserName\": \"\"}");
    assertThat(quoted.missingVariables()).containsExactly("sso");

    TransformedInput bare = apply(paths, "{\"ssoUserName\": <sso>}");
    assertThat(bare.text()).isEqualTo("{\"ssoUserName\": }");
    assertThat(bare.json()).isEmpty();
    assertThat(bare.jsonProblem()).isPresent();
  }

  @Test
  void valuesAreNotEscaped() {
    JsonNode withQuote;
    try {
      withQuote = JSON.readTree("{\"detail\": {\"name\": \"jane \\\"jd\\\" doe\"}}");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    TransformedInput input =
        InputTransformer.of(Map.of("name", "$.detail.name"), "{\"name\": <name>}", "t")
            .apply(withQuote, RULE_ARN, "hired", INGESTED);
    assertThat(input.text()).isEqualTo("{\"name\": \"jane \"jd\" doe\"}");
    assertThat(input.json()).isEmpty();
  }

  @Test
  void fillsThePredefinedVariables() {
    TransformedInput input =
        apply(
            Map.of(),
            "{\"rule\": <aws.events.rule-name>, "
                + "\"arn\": \"<aws.events.rule-arn>\", \"at\": <aws.events.event.ingestion-time>, "
                + "\"envelope\": <aws.events.event>, \"all\": <aws.events.event.json>}");
    JsonNode json = input.json().orElseThrow();
    assertThat(json.get("rule").asText()).isEqualTo("hired");
    assertThat(json.get("arn").asText()).isEqualTo(RULE_ARN);
    assertThat(json.get("at").asText()).isEqualTo("2026-03-02T09:15:01Z");
    assertThat(json.get("envelope").has("detail")).isFalse();
    assertThat(json.get("envelope").get("id").asText()).isEqualTo("e-1");
    assertThat(json.get("all").get("detail").get("eventId").asText()).isEqualTo("hr-1");
  }

  @Test
  void aPlainTextTemplateGetsRawValues() {
    TransformedInput input = apply(Map.of("user", "$.detail.employee.userName"), "hired <user>");
    assertThat(input.text()).isEqualTo("hired jane-doe");
  }

  @Test
  void refusesPlaceholdersWithoutAVariableAndReservedNames() {
    assertThatThrownBy(() -> InputTransformer.of(Map.of("a", "$.a"), "{\"x\": <b>}", "t"))
        .isInstanceOf(EventPatternException.class)
        .hasMessage("t.InputTemplate: uses <b>, which InputPathsMap does not define");
    assertThatThrownBy(() -> InputTransformer.of(Map.of("aws.events.rule-name", "$.a"), "{}", "t"))
        .hasMessageContaining("t.InputPathsMap.aws.events.rule-name: the name is " + "reserved");
    assertThatThrownBy(() -> InputTransformer.of(Map.of(), "", "t"))
        .hasMessage("t.InputTemplate: is required");
  }

  @Test
  void listsTheVariablesTheTemplateUses() {
    InputTransformer transformer =
        InputTransformer.of(
            Map.of("a", "$.a", "b", "$.b"), "{\"x\": <a>, \"r\": <aws.events.rule-name>}", "t");
    assertThat(transformer.usedVariables()).containsExactly("a", "aws.events.rule-name");
  }
}
