package dev.studiolifecycle.local.emulator.sagemaker;

/**
 * Whether a service principal can assume a role right now: the role exists, trusts the principal,
 * and (with the IAM propagation fault) is old enough to be visible. Answered by the emulated IAM.
 */
@FunctionalInterface
public interface RoleAssumption {

  boolean canAssume(String roleArn, String servicePrincipal);
}
