package dev.studiolifecycle.error;

/** Still under way: the state machine checks again in 30 seconds. */
public final class CheckAgainIn30Seconds extends CheckAgain {

  private static final long serialVersionUID = 1L;

  public CheckAgainIn30Seconds(String message) {
    super(message);
  }

  @Override
  public int delaySeconds() {
    return 30;
  }
}
