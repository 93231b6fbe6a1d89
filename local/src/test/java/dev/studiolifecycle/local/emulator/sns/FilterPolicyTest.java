package dev.studiolifecycle.local.emulator.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import org.junit.jupiter.api.Test;

/** SNS developer guide, "Amazon SNS subscription filter policies" (MessageBody scope). */
class FilterPolicyTest {

  private static JsonNode json(String text) throws Exception {
    return LocalJson.MAPPER.readTree(text);
  }

  @Test
  void everyPropertyMustBeInTheBodyWithOneOfItsValuesCaseSensitively() throws Exception {
    FilterPolicy policy =
        FilterPolicy.of(
            json("{\"eventType\": [\"Employee Hired\", \"Employee Transferred\"], \"v\": [1]}"));

    assertThat(policy.matches(json("{\"eventType\": \"Employee Hired\", \"v\": 1.0}"))).isTrue();
    assertThat(policy.matches(json("{\"eventType\": [\"x\", \"Employee Transferred\"], \"v\": 1}")))
        .as("an array matches when one element does")
        .isTrue();
    assertThat(policy.matches(json("{\"eventType\": \"employee hired\", \"v\": 1}"))).isFalse();
    assertThat(policy.matches(json("{\"eventType\": \"Employee Hired\"}"))).isFalse();
    assertThat(policy.matches(json("{\"eventType\": \"Employee Hired\", \"v\": \"1\"}"))).isFalse();
    assertThat(policy.matches(json("[1]"))).isFalse();
  }

  @Test
  void nestedPropertiesAreNestedObjects() throws Exception {
    FilterPolicy policy = FilterPolicy.of(json("{\"employee\": {\"team\": [\"risk\"]}}"));

    assertThat(policy.matches(json("{\"employee\": {\"team\": \"risk\", \"x\": 1}}"))).isTrue();
    assertThat(policy.matches(json("{\"employee\": \"risk\"}"))).isFalse();
  }

  @Test
  void operatorsAndPoliciesOverTheLimitsAreRefusedWhenRead() {
    assertThatThrownBy(() -> FilterPolicy.of(json("{\"a\": [{\"prefix\": \"x\"}]}")))
        .hasMessageContaining("FilterPolicy.a: the emulator models exact values only");
    assertThatThrownBy(() -> FilterPolicy.of(json("{\"$or\": [{\"a\": [1]}, {\"b\": [2]}]}")))
        .hasMessageContaining("not $or");
    assertThatThrownBy(
            () ->
                FilterPolicy.of(
                    json("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}")))
        .hasMessage("FilterPolicy: has 6 keys; a filter policy can have at most 5");
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 13; i++) {
      many.append(i == 0 ? "" : ",").append(i);
    }
    String list = many.append("]").toString();
    assertThatThrownBy(() -> FilterPolicy.of(json("{\"a\":" + list + ",\"b\":" + list + "}")))
        .hasMessage("FilterPolicy: 169 combinations of values; at most 150");
  }
}
