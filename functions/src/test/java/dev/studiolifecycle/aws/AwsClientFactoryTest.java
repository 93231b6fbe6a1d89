package dev.studiolifecycle.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import java.util.Map;
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

  @Test
  void withActiveTracingEveryCallIsTracedAndWithoutItNone() {
    try (SageMakerClient traced =
            AwsClientFactory.traced(
                    SageMakerClient.builder(),
                    Map.of("AWS_XRAY_DAEMON_ADDRESS", "169.254.79.129:2000"))
                .build();
        SageMakerClient untraced =
            AwsClientFactory.traced(SageMakerClient.builder(), Map.of()).build()) {
      assertThat(
              traced.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
          .hasAtLeastOneElementOfType(TracingInterceptor.class);
      assertThat(
              untraced.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
          .noneMatch(TracingInterceptor.class::isInstance);
    }
  }
}
