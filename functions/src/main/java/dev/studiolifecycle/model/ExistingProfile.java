package dev.studiolifecycle.model;

/**
 * A user profile that already exists under the requested name. {@code managedByUs} says it carries
 * the {@code managed-by} tag of this workflow; {@code executionRoleArn} is the role in its user
 * settings (absent when it uses the domain's default role).
 */
public record ExistingProfile(
    String userProfileArn,
    String status,
    boolean managedByUs,
    String executionRoleArn,
    String homeEfsFileSystemUid) {}
