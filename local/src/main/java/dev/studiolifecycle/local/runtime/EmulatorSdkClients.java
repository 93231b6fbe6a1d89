package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.LocalAccount;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real AWS SDK v2 clients of the services an emulator serves, pointed at it with an explicit
 * endpoint override, static credentials and no retries (each answer is seen as the emulator gave
 * it; where retries belong, the state machine makes them in simulation time). They share one
 * URL-connection HTTP client.
 */
public final class EmulatorSdkClients implements AutoCloseable {

  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final AwsEmulator emulator;
  private final Region region;
  private final AwsCredentials credentials;
  private final SageMakerClient sageMaker;
  private final IamClient iam;
  private final SnsClient sns;
  private final StsClient sts;
  private final SfnClient sfn;
  private final SsmClient ssm;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;

  private EmulatorSdkClients(AwsEmulator emulator, AwsCredentials credentials, Region region) {
    this.emulator = emulator;
    this.credentials = credentials;
    this.region = region;
    this.sageMaker = configure(SageMakerClient.builder()).build();
    this.iam = configure(IamClient.builder()).build();
    this.sns = configure(SnsClient.builder()).build();
    this.sts = configure(StsClient.builder()).build();
    this.sfn = configure(SfnClient.builder()).build();
    this.ssm = configure(SsmClient.builder()).build();
    this.dynamoDb = configure(DynamoDbClient.builder()).build();
    // The endpoint is an IP address, which S3's endpoint rules address path-style.
    this.s3 = configure(S3Client.builder()).forcePathStyle(true).build();
  }

  /** Clients for a started emulator, signing with {@code credentials}. */
  public static EmulatorSdkClients connect(AwsEmulator emulator, AwsCredentials credentials) {
    return connect(emulator, credentials, Region.of(LocalAccount.REGION));
  }

  /**
   * Clients signing for {@code region}: the emulator serves that Region's own SageMaker, SNS, SSM,
   * DynamoDB and Identity Center, and the global IAM, STS and S3.
   */
  public static EmulatorSdkClients connect(
      AwsEmulator emulator, AwsCredentials credentials, Region region) {
    return new EmulatorSdkClients(emulator, credentials, region);
  }

  public SageMakerClient sageMaker() {
    return sageMaker;
  }

  public IamClient iam() {
    return iam;
  }

  public SnsClient sns() {
    return sns;
  }

  public StsClient sts() {
    return sts;
  }

  public SfnClient sfn() {
    return sfn;
  }

  public SsmClient ssm() {
    return ssm;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public S3Client s3() {
    return s3;
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    return builder
        .endpointOverride(emulator.endpoint())
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
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
    ssm.close();
    dynamoDb.close();
    s3.close();
    http.close();
  }
}
