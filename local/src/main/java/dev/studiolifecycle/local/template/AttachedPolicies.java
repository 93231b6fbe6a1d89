package dev.studiolifecycle.local.template;

import java.util.List;
import java.util.Optional;

/**
 * The IAM permissions a template function or state machine gets from its {@code Policies}:
 * statements of inline documents and of the SAM policy templates expanded, and the managed policies
 * named (whose statements the template does not show), and the permissions boundary SAM sets on the
 * role ({@code PermissionsBoundary}, Globals merged in), if any. With {@code Role} SAM generates no
 * role: the resource runs as that role, and has no statements, managed policies or boundary here.
 *
 * @param roleArn the resource's {@code Role}, or null when SAM generates its role
 */
public record AttachedPolicies(
    List<PolicyStatement> statements,
    List<String> managedPolicies,
    String permissionsBoundary,
    String roleArn) {

  public AttachedPolicies {
    statements = List.copyOf(statements);
    managedPolicies = List.copyOf(managedPolicies);
  }

  /** The ARN of the role's permissions boundary, if it has one. */
  public Optional<String> boundary() {
    return Optional.ofNullable(permissionsBoundary);
  }

  /** The role the resource runs as when the template names one ({@code Role}). */
  public Optional<String> role() {
    return Optional.ofNullable(roleArn);
  }

  /** The Allow statements. */
  public List<PolicyStatement> allows() {
    return statements.stream().filter(s -> s.effect() == PolicyStatement.Effect.ALLOW).toList();
  }
}
