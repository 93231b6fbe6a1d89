package dev.studiolifecycle.local.template;

import java.util.List;

/**
 * The IAM permissions a template function or state machine gets from its {@code Policies}:
 * statements of inline documents and of the SAM policy templates expanded, and the managed policies
 * named (whose statements the template does not show).
 */
public record AttachedPolicies(List<PolicyStatement> statements, List<String> managedPolicies) {

  public AttachedPolicies {
    statements = List.copyOf(statements);
    managedPolicies = List.copyOf(managedPolicies);
  }

  /** The Allow statements. */
  public List<PolicyStatement> allows() {
    return statements.stream().filter(s -> s.effect() == PolicyStatement.Effect.ALLOW).toList();
  }
}
