package dev.studiolifecycle.local.emulator;

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
}
