package dev.studiolifecycle.local.emulator;

import dev.studiolifecycle.local.runtime.EmulatorSdkClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
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
 * Real AWS SDK v2 clients pointed at an emulator with an explicit endpoint override, dummy
 * credentials and no retries (a test sees each answer as the emulator gave it), as fields for short
 * test code.
 */
public final class EmulatorClients implements AutoCloseable {

  private final EmulatorSdkClients clients;
  public final SageMakerClient sageMaker;
  public final IamClient iam;
  public final SnsClient sns;
  public final StsClient sts;
  public final SfnClient sfn;
  public final SsmClient ssm;
  public final DynamoDbClient dynamoDb;
  public final S3Client s3;

  public EmulatorClients(AwsEmulator emulator) {
    this(emulator, Region.US_EAST_1);
  }

  /** Clients that sign for {@code region}. */
  public EmulatorClients(AwsEmulator emulator, Region region) {
    this.clients =
        EmulatorSdkClients.connect(
            emulator, AwsBasicCredentials.create("AKIDTEST", "secret"), region);
    this.sageMaker = clients.sageMaker();
    this.iam = clients.iam();
    this.sns = clients.sns();
    this.sts = clients.sts();
    this.sfn = clients.sfn();
    this.ssm = clients.ssm();
    this.dynamoDb = clients.dynamoDb();
    this.s3 = clients.s3();
  }

  @Override
  public void close() {
    clients.close();
  }
}
