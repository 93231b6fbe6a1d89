package dev.studiolifecycle.local.runtime;

/**
 * Input a local run cannot take (a definition, template, scenario, mock configuration or option
 * that is wrong): its message says what and where. The commands exit with 2 on it.
 */
public final class BadInput extends RuntimeException {

  public BadInput(String message) {
    super(message);
  }
}
