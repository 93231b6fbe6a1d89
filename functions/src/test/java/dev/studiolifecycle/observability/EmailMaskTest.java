package dev.studiolifecycle.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailMaskTest {

  @Test
  void masksTheLocalPartKeepingItsFirstCharacterAndTheDomain() {
    assertThat(EmailMask.mask("user jane-doe <jane.doe@example.com> and a+b@sub.example.org"))
        .isEqualTo("user jane-doe <j***@example.com> and a***@sub.example.org");
  }

  @Test
  void leavesTextWithoutAddressesAlone() {
    assertThat(EmailMask.mask("jane-doe in d-abc")).isEqualTo("jane-doe in d-abc");
    assertThat(EmailMask.mask("a @ b")).isEqualTo("a @ b");
    assertThat(EmailMask.mask(null)).isNull();
  }
}
