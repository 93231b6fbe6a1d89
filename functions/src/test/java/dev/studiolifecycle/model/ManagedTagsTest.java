package dev.studiolifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedTagsTest {

  @Test
  void recognisesTheManagedByMark() {
    assertThat(ManagedTags.isManaged(Map.of("managed-by", "studio-lifecycle"))).isTrue();
    assertThat(ManagedTags.isManaged(Map.of("managed-by", "someone-else"))).isFalse();
    assertThat(ManagedTags.isManaged(Map.of())).isFalse();
  }

  @Test
  void tellsWhetherThisRequestCreatedTheResource() {
    Map<String, String> tags =
        Map.of("managed-by", "studio-lifecycle", "studio-lifecycle:request-id", "hr-1");
    assertThat(ManagedTags.createdFor(tags, "hr-1")).isTrue();
    assertThat(ManagedTags.createdFor(tags, "hr-2")).isFalse();
    assertThat(ManagedTags.createdFor(Map.of("studio-lifecycle:request-id", "hr-1"), "hr-1"))
        .isFalse();
  }

  @Test
  void reservesTheWorkflowsOwnKeys() {
    assertThat(ManagedTags.isReserved("managed-by")).isTrue();
    assertThat(ManagedTags.isReserved("Managed-By")).isTrue();
    assertThat(ManagedTags.isReserved("studio-lifecycle:anything")).isTrue();
    assertThat(ManagedTags.isReserved("team")).isFalse();
  }
}
