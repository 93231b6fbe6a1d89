package dev.studiolifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

class AwsClientFactoryTest {

  @Test
  void buildsClientsFromTheStandardConfigurationWithoutCallingAws() {
    // AWS_REGION comes from the test environment (surefire), as it does in Lambda.
    try (SageMakerClient sageMaker = AwsClientFactory.sageMaker();
        IamClient iam = AwsClientFactory.iam();
        SfnClient sfn = AwsClientFactory.stepFunctions()) {
      assertThat(sageMaker.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(iam.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(sfn.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
    }
  }
}
