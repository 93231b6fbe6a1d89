package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.asl.task.ExecutionEnds;
import dev.studiolifecycle.local.asl.task.ServiceIntegrations;
import dev.studiolifecycle.local.asl.task.awssdk.SdkServiceIntegration;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import dev.studiolifecycle.local.emulator.EmulatedService;
import dev.studiolifecycle.local.emulator.Operation;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
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
  private final EmulatorSdkClients clients;

  private EmulatorSdkIntegrations(AwsEmulator emulator) {
    this.emulator = emulator;
    this.clients =
        EmulatorSdkClients.connect(
            emulator,
            AwsBasicCredentials.create("studio-lifecycle-local", "studio-lifecycle-local"));
  }

  /** Clients for a started emulator. */
  public static EmulatorSdkIntegrations connect(AwsEmulator emulator) {
    return new EmulatorSdkIntegrations(emulator);
  }

  /**
   * Adds sns:publish, states:startExecution.sync(:2) (learning of a child's end from {@code ends})
   * and the five aws-sdk integrations to {@code builder}.
   */
  public ServiceIntegrations.Builder registerOn(
      ServiceIntegrations.Builder builder, ExecutionEnds ends) {
    return builder
        .sns(clients::sns)
        .startExecution(clients::sfn, ends)
        .awsSdk(
            "sagemaker",
            SdkServiceIntegration.of(
                SageMakerClient.class, clients.sageMaker(), served("sagemaker")))
        .awsSdk("iam", SdkServiceIntegration.of(IamClient.class, clients.iam(), served("iam")))
        .awsSdk("sns", SdkServiceIntegration.of(SnsClient.class, clients.sns(), served("sns")))
        .awsSdk("sts", SdkServiceIntegration.of(StsClient.class, clients.sts(), served("sts")))
        .awsSdk("sfn", SdkServiceIntegration.of(SfnClient.class, clients.sfn(), served("states")));
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

  /** The S3 client, for a Distributed Map's ItemReader and ResultWriter. */
  S3Client s3() {
    return clients.s3();
  }

  @Override
  public void close() {
    clients.close();
  }
}
