package dev.studiolifecycle.error;

/** The execution role named by the request does not exist or does not trust SageMaker. */
public final class ExecutionRoleUnusable extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ExecutionRoleUnusable(String message) {
    super(message, false);
  }

  public ExecutionRoleUnusable(String message, Throwable cause) {
    super(message, cause, false);
  }
}
