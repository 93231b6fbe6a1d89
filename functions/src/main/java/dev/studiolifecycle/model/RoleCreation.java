package dev.studiolifecycle.model;

import java.util.List;

/**
 * Extras for a role this workflow creates: S3 buckets the user may read and write (a team's shared
 * ones), buckets where she has her own prefix only ({@code users/<userProfileName>/}), and managed
 * policies (each must be on the function's allow-list) on top of the default ones.
 */
public record RoleCreation(
    List<String> s3Buckets, List<String> s3PersonalBuckets, List<String> managedPolicyArns) {

  public RoleCreation {
    s3Buckets = s3Buckets == null ? List.of() : List.copyOf(s3Buckets);
    s3PersonalBuckets = s3PersonalBuckets == null ? List.of() : List.copyOf(s3PersonalBuckets);
    managedPolicyArns = managedPolicyArns == null ? List.of() : List.copyOf(managedPolicyArns);
  }

  /** Without personal buckets. */
  public RoleCreation(List<String> s3Buckets, List<String> managedPolicyArns) {
    this(s3Buckets, List.of(), managedPolicyArns);
  }
}
