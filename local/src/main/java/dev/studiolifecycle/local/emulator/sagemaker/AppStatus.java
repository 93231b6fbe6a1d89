package dev.studiolifecycle.local.emulator.sagemaker;

/** The status of a SageMaker app, as SageMaker spells it on the wire. */
public enum AppStatus {
  PENDING("Pending"),
  IN_SERVICE("InService"),
  DELETING("Deleting"),
  DELETED("Deleted"),
  FAILED("Failed");

  private final String wireName;

  AppStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Deleted and Failed apps no longer block deleting their user profile or space. */
  boolean blocksOwnerDeletion() {
    return this != DELETED && this != FAILED;
  }

  public static AppStatus fromWire(String name) {
    for (AppStatus status : values()) {
      if (status.wireName.equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown app status '"
            + name
            + "': expected Pending, InService, Deleting, Deleted or Failed");
  }
}
