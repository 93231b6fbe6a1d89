package dev.studiolifecycle.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutionNamesTest {

  @Test
  void usesAValidEventIdAsItIs() {
    assertThat(ExecutionNames.fromEventId("hr-2026-000123")).isEqualTo("hr-2026-000123");
  }

  @Test
  void replacesOtherCharactersAndAddsAHashSoIdsStayDistinct() {
    String a = ExecutionNames.fromEventId("hr:2026/000123");
    String b = ExecutionNames.fromEventId("hr/2026:000123");
    assertThat(a).matches("hr-2026-000123-[0-9a-f]{16}");
    assertThat(a).isNotEqualTo(b);
    assertThat(ExecutionNames.fromEventId("hr:2026/000123")).isEqualTo(a);
  }

  @Test
  void cutsLongIdsTo80Characters() {
    String name = ExecutionNames.fromEventId("e".repeat(200));
    assertThat(name).hasSize(80).matches("[0-9A-Za-z_-]+");
    assertThat(ExecutionNames.fromEventId("e".repeat(80))).isEqualTo("e".repeat(80));
    assertThat(ExecutionNames.fromEventId("e".repeat(81))).hasSize(80).isNotEqualTo("e".repeat(80));
  }
}
