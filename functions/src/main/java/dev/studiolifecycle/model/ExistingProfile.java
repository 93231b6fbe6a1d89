package dev.studiolifecycle.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A user profile that already exists under the requested name. {@code managedByUs} says it carries
 * the {@code managed-by} tag of this workflow; {@code executionRoleArn} is the role in its user
 * settings (absent when it uses the domain's default role). {@code homeEfsFileSystemUid} is written
 * even when null: the offboarding notification reads it by path, and a missing path would fail the
 * execution with States.Runtime instead of reporting what was left behind. {@code
 * offboardingRequestId} is the request of the offboarding that revoked the profile's access and has
 * not deleted it yet (a retention), absent otherwise.
 */
public record ExistingProfile(
    String userProfileArn,
    String status,
    boolean managedByUs,
    String executionRoleArn,
    @JsonInclude(JsonInclude.Include.ALWAYS) String homeEfsFileSystemUid,
    String offboardingRequestId) {}
