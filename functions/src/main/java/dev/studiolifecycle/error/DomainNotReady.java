package dev.studiolifecycle.error;

/** The request's SageMaker domain exists but is not InService. */
public final class DomainNotReady extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public DomainNotReady(String message) {
    super(message, false);
  }

  public DomainNotReady(String message, Throwable cause) {
    super(message, cause, false);
  }
}
