package dev.studiolifecycle.local.emulator;

import java.util.List;
import java.util.Objects;

/**
 * An AWS service that the emulator serves. Implementations are registered on {@link AwsEmulator};
 * requests reach them by the service name of the SigV4 credential scope.
 */
public abstract class EmulatedService {

  private final String signingName;
  private final WireProtocol protocol;

  protected EmulatedService(String signingName, WireProtocol protocol) {
    this.signingName = Objects.requireNonNull(signingName, "signingName");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /** The SigV4 signing name: {@code sagemaker}, {@code iam}, {@code states}, ... */
  public final String signingName() {
    return signingName;
  }

  public final WireProtocol protocol() {
    return protocol;
  }

  /** Every operation the service implements; any other name is answered as unknown. */
  public abstract List<Operation> operations();

  /** The prefix of IAM actions for this service ({@code sagemaker:CreateUserProfile}). */
  public String iamActionPrefix() {
    return signingName();
  }

  /**
   * The IAM action that authorizes an operation: {@code <prefix>:<operation>} unless the service
   * names it otherwise (S3's HeadObject is {@code s3:GetObject}).
   */
  public String iamAction(String operation) {
    return iamActionPrefix() + ":" + operation;
  }

  /**
   * What this service answers when IAM denies a call: {@code AccessDeniedException} (HTTP 400) as
   * the Common Errors of the JSON services' API references give it; query services override.
   */
  public AwsServiceError accessDenied(String message) {
    if (protocol() instanceof WireProtocol.AwsJson) {
      return AwsServiceError.badRequest("AccessDeniedException", message);
    }
    return new AwsServiceError("AccessDenied", 403, message);
  }

  /** What this service answers when a throttling fault refuses a call. */
  public AwsServiceError throttlingError() {
    if (protocol() instanceof WireProtocol.AwsJson) {
      return AwsServiceError.badRequest("ThrottlingException", "Rate exceeded");
    }
    return AwsServiceError.badRequest("Throttling", "Rate exceeded");
  }
}
