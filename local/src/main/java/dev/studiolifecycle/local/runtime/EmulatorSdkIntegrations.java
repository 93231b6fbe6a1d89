package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.asl.task.ServiceIntegrations;
import dev.studiolifecycle.local.asl.task.awssdk.SdkServiceIntegration;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.Operation;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK clients through which a local run's tasks reach an emulator: {@code
 * aws-sdk:sagemaker|iam|sns|sts|sfn:<action>} (limited to the operations the emulator serves) and
 * {@code sns:publish}. The clients name the emulator's endpoint explicitly and make one attempt, so
 * retries happen in the state machine, in simulation time.
 */
public final class EmulatorSdkIntegrations implements AutoCloseable {

  private final AwsEmulator emulator;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final SageMakerClient sageMaker;
  private final IamClient iam;
  private final SnsClient sns;
  private final StsClient sts;
  private final SfnClient sfn;

  private EmulatorSdkIntegrations(AwsEmulator emulator) {
    this.emulator = emulator;
    this.sageMaker = configure(SageMakerClient.builder()).build();
    this.iam = configure(IamClient.builder()).build();
    this.sns = configure(SnsClient.builder()).build();
    this.sts = configure(StsClient.builder()).build();
    this.sfn = configure(SfnClient.builder()).build();
  }

  /** Clients for a started emulator. */
  public static EmulatorSdkIntegrations connect(AwsEmulator emulator) {
    return new EmulatorSdkIntegrations(emulator);
  }

  /** Adds sns:publish and the five aws-sdk integrations to {@code builder}. */
  public ServiceIntegrations.Builder registerOn(ServiceIntegrations.Builder builder) {
    return builder
        .sns(() -> sns)
        .awsSdk(
            "sagemaker",
            SdkServiceIntegration.of(SageMakerClient.class, sageMaker, served("sagemaker")))
        .awsSdk("iam", SdkServiceIntegration.of(IamClient.class, iam, served("iam")))
        .awsSdk("sns", SdkServiceIntegration.of(SnsClient.class, sns, served("sns")))
        .awsSdk("sts", SdkServiceIntegration.of(StsClient.class, sts, served("sts")))
        .awsSdk("sfn", SdkServiceIntegration.of(SfnClient.class, sfn, served("states")));
  }

  /**
   * Whether the emulator serves an operation, asked when a definition is checked: Step Functions
   * registers itself after the engine that runs these integrations is built.
   */
  private Predicate<String> served(String signingName) {
    return operation ->
        emulator
            .service(signingName)
            .map(EmulatedService::operations)
            .map(operations -> operations.stream().map(Operation::name).anyMatch(operation::equals))
            .orElse(false);
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    return builder
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("studio-lifecycle-local", "studio-lifecycle-local")))
        .httpClient(http)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  @Override
  public void close() {
    sageMaker.close();
    iam.close();
    sns.close();
    sts.close();
    sfn.close();
    http.close();
  }
}
