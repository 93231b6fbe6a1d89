package dev.studiolifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleRequestTest {

  private static LifecycleRequest request(
      Boolean jumpStart, Boolean projects, Map<String, String> tags) {
    return new LifecycleRequest(
        Action.ONBOARD,
        "r",
        "d-a",
        "u",
        null,
        null,
        null,
        tags,
        null,
        null,
        null,
        null,
        jumpStart,
        projects,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void jumpStartAndProjectsStayVisibleUnlessSwitchedOff() {
    assertThat(request(null, null, null).allowsJumpStart()).isTrue();
    assertThat(request(null, null, null).allowsProjects()).isTrue();
    assertThat(request(false, false, null).allowsJumpStart()).isFalse();
    assertThat(request(false, false, null).allowsProjects()).isFalse();
  }

  @Test
  void keepsTagOrderAndNeverReturnsNullTags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("z", "1");
    tags.put("a", "2");
    assertThat(request(null, null, tags).tags().keySet()).containsExactly("z", "a");
    assertThat(request(null, null, null).tagsOrEmpty()).isEmpty();
  }
}
