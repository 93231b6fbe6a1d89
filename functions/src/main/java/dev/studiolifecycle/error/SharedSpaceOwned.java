package dev.studiolifecycle.error;

/**
 * The user owns a shared space. SageMaker deletes a user profile only once it owns no spaces, and
 * the workflow never deletes a shared space (other users work in it), so the offboarding stops
 * before it deletes anything; someone must delete the space or move its work first.
 */
public final class SharedSpaceOwned extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public SharedSpaceOwned(String message) {
    super(message, false);
  }
}
