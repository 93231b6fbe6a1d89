package dev.studiolifecycle.local.emulator.iam;

/**
 * A customer managed policy of the emulated account, so that it can be attached or used as a
 * permissions boundary. (AWS managed policies need no seeding.)
 *
 * @param path the policy path, or null for {@code /}
 */
public record ManagedPolicySeed(String policyName, String path, String policyDocument) {

  public ManagedPolicySeed {}
}
