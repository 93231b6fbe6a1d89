package dev.studiolifecycle.aws;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
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

  /** Set by Lambda when the function runs with active X-Ray tracing. */
  static final String XRAY_DAEMON_ADDRESS = "AWS_XRAY_DAEMON_ADDRESS";

  private AwsClientFactory() {}

  /**
   * The builder with the X-Ray SDK's tracing interceptor when the function runs with active tracing
   * ({@value #XRAY_DAEMON_ADDRESS} set, as Lambda sets it), so each SDK call is a subsegment of the
   * invocation's trace; elsewhere (tests, the local runtime) without it, where there is no trace to
   * add to.
   */
  static <B extends AwsClientBuilder<B, ?>> B traced(B builder, Map<String, String> environment) {
    if (environment.get(XRAY_DAEMON_ADDRESS) != null) {
      builder.overrideConfiguration(c -> c.addExecutionInterceptor(new TracingInterceptor()));
    }
    return builder;
  }

  /**
   * A client as every function builds it: traced when X-Ray is on, the URL-connection HTTP client.
   */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder) {
    return traced(builder, System.getenv())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  public static SageMakerClient sageMaker() {
    return client(SageMakerClient.builder());
  }

  public static IamClient iam() {
    return client(IamClient.builder());
  }

  public static SnsClient sns() {
    return client(SnsClient.builder());
  }

  public static SfnClient stepFunctions() {
    return client(SfnClient.builder());
  }

  public static DynamoDbClient dynamoDb() {
    return client(DynamoDbClient.builder());
  }

  /**
   * S3 from the standard configuration; its endpoint rules address buckets virtual-hosted on AWS
   * and path-style at an IP address endpoint (a local emulator).
   */
  public static S3Client s3() {
    return client(S3Client.builder());
  }

  public static SsmClient ssm() {
    return client(SsmClient.builder());
  }
}
