/**
 * IAM's roles and policies, split by resource, with IAM's rules and quotas and the catalogue of AWS
 * managed policies.
 */
package dev.studiolifecycle.local.emulator.iam;
