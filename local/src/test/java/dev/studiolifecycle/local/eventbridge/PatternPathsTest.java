package dev.studiolifecycle.local.eventbridge;

import static dev.studiolifecycle.local.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternPathsTest {

  @Test
  void requiredPathsAreThoseEveryMatchingEventHas() {
    JsonNode pattern =
        json(
            "{\"source\": [\"com.example.hr\"], "
                + "\"detail\": {\"eventId\": [{\"exists\": true}], "
                + "\"employee\": {\"ssoUserName\": [{\"exists\": false}], "
                + "\"userName\": [{\"prefix\": \"\"}]}, "
                + "\"studio\": {\"domainId\": [{\"exists\": false}, \"d-1\"]}}}");
    assertThat(PatternPaths.required(pattern))
        .containsExactlyInAnyOrder(
            List.of("source"),
            List.of("detail", "eventId"),
            List.of("detail", "employee", "userName"));
    assertThat(PatternPaths.guarantees(pattern, List.of("detail"))).isTrue();
    assertThat(PatternPaths.guarantees(pattern, List.of("detail", "employee", "userName")))
        .isTrue();
    assertThat(PatternPaths.guarantees(pattern, List.of("detail", "studio", "domainId"))).isFalse();
    assertThat(PatternPaths.guarantees(pattern, List.of("detail", "employee", "ssoUserName")))
        .isFalse();
  }
}
