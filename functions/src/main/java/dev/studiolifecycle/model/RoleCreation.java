package dev.studiolifecycle.model;

import java.util.List;

/**
 * Extras for a role this workflow creates: S3 buckets the user may read and write, and managed
 * policies (each must be on the function's allow-list) on top of the default ones.
 */
public record RoleCreation(List<String> s3Buckets, List<String> managedPolicyArns) {

  public RoleCreation {
    s3Buckets = s3Buckets == null ? List.of() : List.copyOf(s3Buckets);
    managedPolicyArns = managedPolicyArns == null ? List.of() : List.copyOf(managedPolicyArns);
  }
}
