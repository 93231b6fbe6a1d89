package dev.studiolifecycle.local.template;

import java.util.List;
import java.util.Optional;

/**
 * The IAM permissions a template function or state machine gets from its {@code Policies}:
 * statements of inline documents and of the SAM policy templates expanded, and the managed policies
 * named (whose statements the template does not show), and the permissions boundary SAM sets on the
 * role ({@code PermissionsBoundary}, Globals merged in), if any.
 */
public record AttachedPolicies(
    List<PolicyStatement> statements, List<String> managedPolicies, String permissionsBoundary) {

  public AttachedPolicies {
    statements = List.copyOf(statements);
    managedPolicies = List.copyOf(managedPolicies);
  }

  /** The ARN of the role's permissions boundary, if it has one. */
  public Optional<String> boundary() {
    return Optional.ofNullable(permissionsBoundary);
  }

  /** The Allow statements. */
  public List<PolicyStatement> allows() {
    return statements.stream().filter(s -> s.effect() == PolicyStatement.Effect.ALLOW).toList();
  }
}
