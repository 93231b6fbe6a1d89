package dev.studiolifecycle.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.LocalAwsEnvironment;
import dev.studiolifecycle.local.emulator.RecordedCall;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The interceptor is found by the SDK itself (global interceptor resource), as in a handler. */
class CallerHeaderInterceptorTest {

  @Test
  void requestsMadeWhileAFunctionRunsCarryItsLogicalIdAndOthersCarryNone() {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        LocalAwsEnvironment environment = LocalAwsEnvironment.pointAt(emulator);
        StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      sts.getCallerIdentity();
      CallerContext.callingAs("ValidateFunction", sts::getCallerIdentity);
      sts.getCallerIdentity();

      assertThat(emulator.requestLog().calls())
          .extracting(RecordedCall::caller)
          .containsExactly(null, "ValidateFunction", null);
    }
  }
}
