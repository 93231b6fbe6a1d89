package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.studiolifecycle.local.time.ScaledClock;
import dev.studiolifecycle.local.time.VirtualClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void servesSageMakerIamIdentityCenterSnsSsmS3DynamoDbStsAndStepFunctions() {
    assertThat(AwsEmulator.builder().build().serviceNames())
        .containsExactly(
            "dynamodb",
            "iam",
            "identitystore",
            "s3",
            "sagemaker",
            "sns",
            "ssm",
            "sso",
            "states",
            "sts");
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

  @Test
  void answersAnUnsignedHealthCheckWithTheServicesItServes() throws Exception {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(emulator.endpoint().resolve("/_studio-lifecycle/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> unsigned =
          http.send(
              HttpRequest.newBuilder(emulator.endpoint().resolve("/")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(health.body())
          .startsWith("{\"status\":\"running\",\"services\":[\"dynamodb\",\"iam\"")
          .contains("\"sagemaker\"");
      assertThat(unsigned.statusCode())
          .as("any other unsigned request still needs a signature")
          .isEqualTo(403);
    }
  }

  @Test
  void listensOnTheHostItIsGivenAndRefusesAnAddressNotOfThisMachine() {
    try (AwsEmulator anywhere = AwsEmulator.builder().host("0.0.0.0").build().start()) {
      assertThat(anywhere.host().isAnyLocalAddress()).isTrue();
      assertThat(anywhere.endpoint().getHost())
          .as("local clients still use the loopback address")
          .isEqualTo("127.0.0.1");
    }
    assertThat(AwsEmulator.builder().build().host().getHostAddress()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> AwsEmulator.builder().host("192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host 192.0.2.1 is not an address of this machine");
  }
}
