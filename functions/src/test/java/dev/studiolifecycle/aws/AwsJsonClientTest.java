package dev.studiolifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Where AwsJsonClient sends its calls, by the SDK's standard endpoint settings (the AWS SDKs and
 * Tools Reference Guide, "Service-specific endpoints": the service's own setting, then the global
 * one, then AWS's public endpoint of the region). Environment variables cannot be set here; the
 * system properties the SDK reads first stand for them.
 */
class AwsJsonClientTest {

  @AfterEach
  void clear() {
    System.clearProperty("aws.endpointUrl");
    System.clearProperty("aws.endpointUrlSsoAdmin");
    System.clearProperty("aws.endpointUrlIdentitystore");
  }

  @Test
  void theServiceIdNamesItsOwnSettings() {
    assertThat(AwsJsonClient.SSO_ADMIN.endpointVariable()).isEqualTo("AWS_ENDPOINT_URL_SSO_ADMIN");
    assertThat(AwsJsonClient.SSO_ADMIN.endpointProperty()).isEqualTo("aws.endpointUrlSsoAdmin");
    assertThat(AwsJsonClient.IDENTITY_STORE.endpointVariable())
        .isEqualTo("AWS_ENDPOINT_URL_IDENTITYSTORE");
    assertThat(AwsJsonClient.IDENTITY_STORE.endpointProperty())
        .isEqualTo("aws.endpointUrlIdentitystore");
  }

  @Test
  void withoutSettingsTheRegionsPublicEndpointOfItsPartition() {
    assertThat(AwsJsonClient.endpoint(AwsJsonClient.SSO_ADMIN, Region.US_EAST_1))
        .isEqualTo(URI.create("https://sso.us-east-1.amazonaws.com"));
    assertThat(AwsJsonClient.endpoint(AwsJsonClient.IDENTITY_STORE, Region.CN_NORTH_1))
        .isEqualTo(URI.create("https://identitystore.cn-north-1.amazonaws.com.cn"));
  }

  @Test
  void theServicesOwnSettingOutranksTheGlobalOneAndABlankOneIsNone() {
    System.setProperty("aws.endpointUrl", "http://127.0.0.1:4566");
    System.setProperty("aws.endpointUrlSsoAdmin", "http://127.0.0.1:5000");
    System.setProperty("aws.endpointUrlIdentitystore", " ");

    assertThat(AwsJsonClient.endpoint(AwsJsonClient.SSO_ADMIN, Region.US_EAST_1))
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(AwsJsonClient.endpoint(AwsJsonClient.IDENTITY_STORE, Region.US_EAST_1))
        .isEqualTo(URI.create("http://127.0.0.1:4566"));
  }
}
