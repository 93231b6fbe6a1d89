package dev.studiolifecycle.model;

import java.util.Map;

/**
 * PlanReconcile's input: the reconcile execution ({@code correlation}: its name and ARN) and the
 * request it was started with, as given, for PlanReconcile to check: {@code mode} PLAN (write the
 * plan, change nothing; the default) or APPLY (and run it), {@code rosterKey} (the stack's when
 * absent) and {@code allowLargeOffboarding}. A map, not a JSON tree: the Lambda runtime's
 * serializer builds the input, and it knows no JSON tree type of this code's Jackson.
 */
public record PlanReconcileInput(Correlation correlation, Map<String, Object> request)
    implements StepInput {

  /** A reconcile works for every user of the served domains, not for one. */
  @Override
  public String userProfileName() {
    return null;
  }
}
