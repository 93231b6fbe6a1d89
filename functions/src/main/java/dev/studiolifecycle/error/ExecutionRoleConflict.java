package dev.studiolifecycle.error;

/** An IAM role with the derived name exists but was not created by this workflow for this user. */
public final class ExecutionRoleConflict extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ExecutionRoleConflict(String message) {
    super(message, false);
  }

  public ExecutionRoleConflict(String message, Throwable cause) {
    super(message, cause, false);
  }
}
