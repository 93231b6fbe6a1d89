package dev.studiolifecycle.local.runtime;

import dev.studiolifecycle.local.asl.engine.MapRunServices;
import dev.studiolifecycle.local.lambda.CallerContext;
import dev.studiolifecycle.local.permissions.TemplatePolicyAuthorizer;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Distributed Map's S3 reads and writes through the real S3 client against the emulator, made as
 * the template state machine whose execution runs the map (so its policy must grant {@code
 * s3:GetObject} and {@code s3:PutObject}), and its leave to start child workflows checked against
 * that policy when IAM is enforced.
 */
final class EmulatorMapRunServices implements MapRunServices {

  private final S3Client s3;
  private final SamTemplate template;
  private final TemplatePolicyAuthorizer authorizer;

  /**
   * @param template null when no template is deployed (calls are then made as nobody in particular)
   * @param authorizer null when IAM is not enforced
   */
  EmulatorMapRunServices(S3Client s3, SamTemplate template, TemplatePolicyAuthorizer authorizer) {
    this.s3 = s3;
    this.template = template;
    this.authorizer = authorizer;
  }

  @Override
  public byte[] getObject(String executionArn, String bucket, String key) {
    return as(
        executionArn,
        () -> {
          try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
          } catch (AwsServiceException | SdkClientException e) {
            throw failure("GetObject", bucket, key, e);
          }
        });
  }

  @Override
  public void putObject(String executionArn, String bucket, String key, byte[] body) {
    Optional<String> denial =
        machineOf(executionArn)
            .flatMap(machine -> authorizer.resultWriterDenial(machine, bucket, key));
    if (denial.isPresent()) {
      throw new Failure("S3 PutObject of s3://" + bucket + "/" + key + " refused: " + denial.get());
    }
    as(
        executionArn,
        () -> {
          try {
            s3.putObject(
                r -> r.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromBytes(body));
            return null;
          } catch (AwsServiceException | SdkClientException e) {
            throw failure("PutObject", bucket, key, e);
          }
        });
  }

  @Override
  public Optional<String> mapRunDenial(String executionArn, String stateMachineArn) {
    return machineOf(executionArn)
        .flatMap(machine -> authorizer.mapRunDenial(machine, stateMachineArn, executionArn));
  }

  @Override
  public Optional<String> childRedriveDenial(String executionArn, String childExecutionArn) {
    return machineOf(executionArn)
        .flatMap(machine -> authorizer.mapRunRedriveDenial(machine, childExecutionArn));
  }

  /** The template state machine an execution belongs to, when IAM is enforced. */
  private Optional<String> machineOf(String executionArn) {
    return authorizer == null ? Optional.empty() : templateMachineOf(executionArn);
  }

  private Optional<String> templateMachineOf(String executionArn) {
    return template == null
        ? Optional.empty()
        : StateMachineTaskInvoker.logicalIdOf(template, executionArn);
  }

  private <T> T as(String executionArn, Supplier<T> call) {
    Optional<String> machine = templateMachineOf(executionArn);
    return machine.isPresent() ? CallerContext.callingAs(machine.get(), call) : call.get();
  }

  private static Failure failure(String operation, String bucket, String key, RuntimeException e) {
    String reason =
        e instanceof AwsServiceException service && service.awsErrorDetails() != null
            ? service.awsErrorDetails().errorCode()
                + ": "
                + service.awsErrorDetails().errorMessage()
            : e.getMessage();
    return new Failure("S3 " + operation + " of s3://" + bucket + "/" + key + " failed: " + reason);
  }
}
