package dev.studiolifecycle.local.emulator.sagemaker;

/**
 * What SageMaker asks of IAM Identity Center for domains that use it (AuthMode SSO). Answered by
 * the emulated Identity Center.
 */
public interface SingleSignOn {

  /**
   * Whether the instance's identity store has a user of this user name: CreateUserProfile's
   * SingleSignOnUserValue "must match a valid username of a user in your directory".
   */
  boolean hasUserNamed(String userName);

  /**
   * Registers the application that SageMaker manages in Identity Center for a new SSO domain (the
   * domain's SingleSignOnApplicationArn) and returns its ARN.
   */
  String registerStudioApplication(String domainId);
}
