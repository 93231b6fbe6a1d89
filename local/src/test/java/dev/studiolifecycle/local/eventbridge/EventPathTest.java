package dev.studiolifecycle.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPathTest {

  private static final JsonNode EVENT;

  static {
    try {
      EVENT =
          new ObjectMapper()
              .readTree(
                  "{\"detail-type\": \"Employee Hired\", "
                      + "\"resources\": [\"a\", \"b\"], \"detail\": {\"employee\": {\"userName\": \"jane\"}, "
                      + "\"tags\": {\"x\": \"1\", \"y\": \"2\"}}}");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void selectsFieldsWithDashesIndicesAndWildcards() {
    assertThat(EventPath.parse("$.detail-type", "p").select(EVENT).orElseThrow().asText())
        .isEqualTo("Employee Hired");
    assertThat(
            EventPath.parse("$.detail.employee.userName", "p").select(EVENT).orElseThrow().asText())
        .isEqualTo("jane");
    assertThat(EventPath.parse("$.resources[1]", "p").select(EVENT).orElseThrow().asText())
        .isEqualTo("b");
    assertThat(EventPath.parse("$.detail.tags.*", "p").select(EVENT).orElseThrow().toString())
        .isEqualTo("[\"1\",\"2\"]");
    assertThat(EventPath.parse("$", "p").select(EVENT)).contains(EVENT);
  }

  @Test
  void isEmptyWhereTheEventHasNothing() {
    assertThat(EventPath.parse("$.detail.employee.ssoUserName", "p").select(EVENT)).isEmpty();
    assertThat(EventPath.parse("$.detail.studio.domainId", "p").select(EVENT)).isEmpty();
    assertThat(EventPath.parse("$.resources[5]", "p").select(EVENT)).isEmpty();
  }

  @Test
  void knowsWhenItIsOnlyFieldNames() {
    assertThat(EventPath.parse("$.detail.eventId", "p").fieldNames())
        .contains(List.of("detail", "eventId"));
    assertThat(EventPath.parse("$.resources[0]", "p").fieldNames()).isEmpty();
  }

  @Test
  void refusesBracketNamesAndPathsNotFromTheRoot() {
    assertThatThrownBy(() -> EventPath.parse("detail.eventId", "InputPathsMap.id"))
        .isInstanceOf(EventPatternException.class)
        .hasMessageContaining("InputPathsMap.id: 'detail.eventId' must be a JSON path starting");
    assertThatThrownBy(() -> EventPath.parse("$['detail']", "InputPathsMap.id"))
        .hasMessageContaining("EventBridge supports dot notation, array indices and * only");
    assertThatThrownBy(() -> EventPath.parse("$.detail..x", "InputPathsMap.id"))
        .hasMessageContaining("has an empty name");
  }
}
