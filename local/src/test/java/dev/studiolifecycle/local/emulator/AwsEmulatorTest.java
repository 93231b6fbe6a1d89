package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.time.ScaledClock;
import dev.studiolifecycle.local.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AwsEmulatorTest {

  @Test
  void servesOnAnEphemeralLoopbackPortUntilClosed() {
    AwsEmulator emulator = AwsEmulator.builder().build().start();
    try (EmulatorClients clients = new EmulatorClients(emulator)) {
      assertThat(emulator.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
      assertThat(emulator.port()).isPositive();
      assertThat(clients.sts.getCallerIdentity().account()).isEqualTo("123456789012");
    } finally {
      emulator.close();
    }
    emulator.close();
    assertThatThrownBy(emulator::endpoint).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void servesSageMakerIamIdentityCenterSnsSsmDynamoDbStsAndStepFunctions() {
    assertThat(AwsEmulator.builder().build().serviceNames())
        .containsExactly(
            "dynamodb", "iam", "identitystore", "sagemaker", "sns", "ssm", "sso", "states", "sts");
  }

  @Test
  void runsOnAVirtualClockByDefault() {
    AwsEmulator emulator = AwsEmulator.builder().build();

    assertThat(emulator.virtualClock().instant()).isEqualTo(VirtualClock.DEFAULT_ORIGIN);
    assertThat(emulator.clock().isVirtual()).isTrue();
  }

  @Test
  void aScaledClockHasNoVirtualClockToAdvance() {
    AwsEmulator emulator = AwsEmulator.builder().clock(new ScaledClock(Instant.EPOCH, 60)).build();

    assertThatThrownBy(emulator::virtualClock)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scaled real time");
  }

  @Test
  void refusesToStartTwiceOrOnABadPort() {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start()) {
      assertThatThrownBy(emulator::start).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> AwsEmulator.builder().port(emulator.port()).build().start())
          .hasMessageContaining("cannot bind the emulator to 127.0.0.1:" + emulator.port());
    }
    assertThatThrownBy(() -> AwsEmulator.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
