package dev.studiolifecycle.local.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before an operation runs, whether IAM would let its caller make the call: the local
 * stand-in for IAM's policy evaluation. A denial is answered in the service's own error shape
 * ({@link EmulatedService#accessDenied}) and the operation does not run.
 */
@FunctionalInterface
public interface CallAuthorizer {

  /** Lets every call through: the emulator without IAM enforcement. */
  CallAuthorizer ALLOW_ALL = (service, request, iamAction) -> Optional.empty();

  /**
   * Why the call is denied, in the words of IAM's access-denied message, or empty when it is
   * allowed.
   *
   * @param iamAction the IAM action of the operation, e.g. {@code sagemaker:CreateUserProfile}
   */
  Optional<String> denial(EmulatedService service, ServiceRequest request, String iamAction);

  /**
   * Why the caller of {@code request} may not have a service use a customer managed KMS key on its
   * behalf (SNS encrypting a message it publishes to an encrypted topic), or empty when it may.
   *
   * @param kmsActions the KMS actions the caller must be allowed on the key, e.g. {@code
   *     kms:GenerateDataKey}
   * @param viaService the service that calls KMS, e.g. {@code sns.us-east-1.amazonaws.com}
   * @param encryptionContext the encryption context the service passes (SNS: {@code
   *     aws:sns:topicArn}), which a condition may test as {@code kms:EncryptionContext:<key>}
   */
  default Optional<String> keyDenial(
      ServiceRequest request,
      String keyArn,
      List<String> kmsActions,
      String viaService,
      Map<String, String> encryptionContext) {
    return Optional.empty();
  }
}
