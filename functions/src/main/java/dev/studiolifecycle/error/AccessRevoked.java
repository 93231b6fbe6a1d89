package dev.studiolifecycle.error;

/**
 * The profile's access is revoked (an offboarding disabled its Studio web portal, or keeps it for
 * its retention): nothing that opens Studio is handed out for it.
 */
public final class AccessRevoked extends LifecycleError {

  private static final long serialVersionUID = 1L;

  public AccessRevoked(String message) {
    super(message, false);
  }
}
