package dev.studiolifecycle.local.emulator.scenario;

/** A scenario file that cannot be read or applied; the message names the file and the field. */
public final class ScenarioException extends RuntimeException {

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
