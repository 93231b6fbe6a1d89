package dev.studiolifecycle.local.asl.mock;

/** A mock configuration file that cannot be used; the message names the field and the rule. */
public class MockConfigException extends RuntimeException {

  public MockConfigException(String message) {
    super(message);
  }

  public MockConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
