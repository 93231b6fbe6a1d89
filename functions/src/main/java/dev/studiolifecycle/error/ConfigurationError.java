package dev.studiolifecycle.error;

/** A function environment variable is missing or invalid; the message names the variable. */
public final class ConfigurationError extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public ConfigurationError(String message) {
    super(message, false);
  }

  public ConfigurationError(String message, Throwable cause) {
    super(message, cause, false);
  }
}
