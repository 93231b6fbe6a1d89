package dev.studiolifecycle.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.emulator.iam.RoleSeed;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

class LocalAwsEnvironmentTest {

  @Test
  void sdkClientsBuiltWithoutEndpointOverrideReachTheEmulator() {
    try (AwsEmulator emulator = AwsEmulator.builder().build().start();
        LocalAwsEnvironment environment = LocalAwsEnvironment.pointAt(emulator);
        SageMakerClient sageMaker =
            SageMakerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        IamClient iam = IamClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        SnsClient sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      sageMaker.listDomains(r -> {});
      iam.createRole(
          r -> r.roleName("x").assumeRolePolicyDocument(RoleSeed.SAGEMAKER_TRUST_POLICY));
      String topic = sns.createTopic(r -> r.name("t")).topicArn();
      sts.getCallerIdentity();

      assertThat(topic).isEqualTo("arn:aws:sns:us-east-1:123456789012:t");
      assertThat(emulator.requestLog().calls())
          .extracting(RecordedCall::iamAction)
          .containsExactly(
              "sagemaker:ListDomains",
              "iam:CreateRole",
              "sns:CreateTopic",
              "sts:GetCallerIdentity");
    }
  }

  @Test
  void setsTheStandardPropertiesAndRestoresThePreviousValues() {
    System.setProperty("aws.region", "eu-west-3");
    System.clearProperty("aws.endpointUrl");
    try {
      try (LocalAwsEnvironment environment =
          LocalAwsEnvironment.pointAt(URI.create("http://127.0.0.1:4566"))) {
        assertThat(System.getProperty("aws.endpointUrl")).isEqualTo("http://127.0.0.1:4566");
        assertThat(System.getProperty("aws.endpointUrlSageMaker"))
            .isEqualTo("http://127.0.0.1:4566");
        assertThat(System.getProperty("aws.region")).isEqualTo("us-east-1");
        assertThat(System.getProperty("aws.maxAttempts")).isEqualTo("1");
        assertThat(System.getProperty("aws.accessKeyId")).isNotBlank();
        assertThat(System.getProperty("aws.secretAccessKey")).isNotBlank();
        assertThat(environment.properties()).containsEntry("aws.region", "us-east-1");
      }
      assertThat(System.getProperty("aws.region")).isEqualTo("eu-west-3");
      assertThat(System.getProperty("aws.endpointUrl")).isNull();
      assertThat(System.getProperty("aws.maxAttempts")).isNull();
    } finally {
      System.clearProperty("aws.region");
    }
  }
}
