package dev.studiolifecycle.error;

/** Still under way: the state machine checks again in 10 seconds. */
public final class CheckAgainIn10Seconds extends CheckAgain {

  private static final long serialVersionUID = 1L;

  public CheckAgainIn10Seconds(String message) {
    super(message);
  }

  @Override
  public int delaySeconds() {
    return 10;
  }
}
