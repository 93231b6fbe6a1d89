package dev.studiolifecycle.error;

/**
 * The request is older (by its {@code occurredAt}) than one already applied to the same profile: it
 * is refused, never run, so an older hire never overtakes a termination.
 */
public final class EventSuperseded extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public EventSuperseded(String message) {
    super(message, false);
  }
}
