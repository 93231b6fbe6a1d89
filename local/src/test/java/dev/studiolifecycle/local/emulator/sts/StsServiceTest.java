package dev.studiolifecycle.local.emulator.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatorClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class StsServiceTest {

  @Test
  void callerIdentityIsTheFixedAccountWhateverTheCredentials() {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        EmulatorClients clients = new EmulatorClients(emulator)) {
      GetCallerIdentityResponse identity = clients.sts.getCallerIdentity();

      assertThat(identity.account()).isEqualTo("123456789012");
      assertThat(identity.arn()).isEqualTo(StsService.CALLER_ARN);
      assertThat(identity.userId()).isEqualTo(StsService.CALLER_USER_ID);
      assertThat(emulator.requestLog().calls("sts", "GetCallerIdentity"))
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.iamAction()).isEqualTo("sts:GetCallerIdentity");
                assertThat(call.mutating()).isFalse();
              });
    }
  }
}
