package dev.studiolifecycle.local.emulator.sagemaker;

/** The status of a domain, user profile or space, as SageMaker spells it on the wire. */
public enum ResourceStatus {
  PENDING("Pending"),
  IN_SERVICE("InService"),
  UPDATING("Updating"),
  DELETING("Deleting"),
  FAILED("Failed"),
  UPDATE_FAILED("Update_Failed"),
  DELETE_FAILED("Delete_Failed");

  private final String wireName;

  ResourceStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  boolean isFailure() {
    return this == FAILED || this == UPDATE_FAILED || this == DELETE_FAILED;
  }

  /** Reads {@code InService}, {@code Delete_Failed}, ... */
  public static ResourceStatus fromWire(String name) {
    for (ResourceStatus status : values()) {
      if (status.wireName.equals(name)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown status '" + name + "': expected one of " + wireNames());
  }

  static String wireNames() {
    StringBuilder names = new StringBuilder();
    for (ResourceStatus status : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(status.wireName);
    }
    return names.toString();
  }
}
