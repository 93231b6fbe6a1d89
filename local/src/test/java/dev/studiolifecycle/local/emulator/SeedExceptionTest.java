package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.emulator.sagemaker.DomainSeed;
import dev.studiolifecycle.local.emulator.sagemaker.UserProfileSeed;
import org.junit.jupiter.api.Test;

class SeedExceptionTest {

  @Test
  void aMissingFieldIsNamedAndNothingIsSeeded() {
    try (AwsEmulator emulator = AwsEmulator.builder().build()) {
      String domainId = emulator.sageMaker().seedDomain(DomainSeed.iam(null, "studio"));

      assertThatThrownBy(
              () -> emulator.sageMaker().seedUserProfile(UserProfileSeed.inService(domainId, null)))
          .isInstanceOfSatisfying(
              SeedException.class,
              e -> {
                assertThat(e.field()).isEqualTo("userProfileName");
                assertThat(e.reason()).isEqualTo("is required");
              })
          .hasMessage("userProfileName: is required");
      assertThat(emulator.sageMaker().userProfileStatus(domainId, "anyone")).isEmpty();
    }
  }

  @Test
  void aSeedWrongAsAWholeNamesNoField() {
    assertThatThrownBy(() -> SeedException.require(false, "domain d-1 is seeded twice"))
        .isInstanceOfSatisfying(SeedException.class, e -> assertThat(e.field()).isNull())
        .hasMessage("domain d-1 is seeded twice");
  }
}
