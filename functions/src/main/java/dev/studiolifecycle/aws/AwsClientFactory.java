package dev.studiolifecycle.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the SDK clients, each with the URL-connection HTTP client (small and quick to start).
 * Region, endpoint, credentials and retry attempts come from the SDK's standard configuration only
 * ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code aws.maxAttempts}, ...), so the same code
 * runs against AWS and against a local emulator. Handlers call these once, when they are built, and
 * keep the clients for the life of the container.
 */
public final class AwsClientFactory {

  private AwsClientFactory() {}

  public static SageMakerClient sageMaker() {
    return SageMakerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static IamClient iam() {
    return IamClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static SnsClient sns() {
    return SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static SfnClient stepFunctions() {
    return SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /**
   * S3 from the standard configuration; its endpoint rules address buckets virtual-hosted on AWS
   * and path-style at an IP address endpoint (a local emulator).
   */
  public static S3Client s3() {
    return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static SsmClient ssm() {
    return SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }
}
