package dev.studiolifecycle.local.emulator;

import java.net.URI;
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
 * Real AWS SDK v2 clients pointed at an emulator with an explicit endpoint override, dummy
 * credentials and no retries (a test sees each answer as the emulator gave it).
 */
public final class EmulatorClients implements AutoCloseable {

  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final URI endpoint;
  public final SageMakerClient sageMaker;
  public final IamClient iam;
  public final SnsClient sns;
  public final StsClient sts;
  public final SfnClient sfn;

  public EmulatorClients(AwsEmulator emulator) {
    this.endpoint = emulator.endpoint();
    this.sageMaker = configure(SageMakerClient.builder()).build();
    this.iam = configure(IamClient.builder()).build();
    this.sns = configure(SnsClient.builder()).build();
    this.sts = configure(StsClient.builder()).build();
    this.sfn = configure(SfnClient.builder()).build();
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
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
