package dev.studiolifecycle.local.emulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialScopeTest {

  @Test
  void readsTheScopeOfAnAuthorizationHeader() {
    assertThat(
            CredentialScope.of(
                "AWS4-HMAC-SHA256 Credential=AKID/20260105/us-east-1/sagemaker/"
                    + "aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
                Map.of()))
        .contains(new CredentialScope("AKID", "20260105", "us-east-1", "sagemaker"));
  }

  @Test
  void readsTheScopeOfAPresignedUrl() {
    assertThat(
            CredentialScope.of(
                null, Map.of("X-Amz-Credential", "AKID/20260105/us-east-1/sts/aws4_request")))
        .map(CredentialScope::service)
        .contains("sts");
  }

  @Test
  void findsNoScopeInUnsignedOrOtherwiseSignedRequests() {
    assertThat(CredentialScope.of(null, Map.of())).isEmpty();
    assertThat(CredentialScope.of("Bearer token", Map.of())).isEmpty();
  }
}
