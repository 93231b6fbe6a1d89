package dev.studiolifecycle.error;

/** SageMaker cannot assume the execution role yet (IAM propagation); retry after a short wait. */
public final class RoleNotYetAssumable extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public RoleNotYetAssumable(String message) {
    super(message, true);
  }

  public RoleNotYetAssumable(String message, Throwable cause) {
    super(message, cause, true);
  }
}
