package dev.studiolifecycle.error;

/** The request's SageMaker domain does not exist. */
public final class DomainNotFound extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public DomainNotFound(String message) {
    super(message, false);
  }

  public DomainNotFound(String message, Throwable cause) {
    super(message, cause, false);
  }
}
