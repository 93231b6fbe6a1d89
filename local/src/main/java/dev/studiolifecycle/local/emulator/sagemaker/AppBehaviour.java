package dev.studiolifecycle.local.emulator.sagemaker;

import java.time.Duration;
import java.util.Objects;

/**
 * How one app moves through its life: how long it takes to start and to delete, and whether it ends
 * Failed on create, or on delete, or stays Deleting for ever.
 */
public record AppBehaviour(
    Duration startDuration,
    Duration deleteDuration,
    boolean failOnCreate,
    DeleteOutcome onDelete,
    String failureReason) {

  /** What a DeleteApp call leads to once the delete duration has passed. */
  public enum DeleteOutcome {
    DELETED,
    FAILED,
    STUCK_DELETING
  }

  static final String DEFAULT_FAILURE_REASON =
      "The app failed: fault injected by the emulator scenario.";

  public AppBehaviour {
    Objects.requireNonNull(startDuration, "startDuration");
    Objects.requireNonNull(deleteDuration, "deleteDuration");
    Objects.requireNonNull(onDelete, "onDelete");
    Objects.requireNonNull(failureReason, "failureReason");
    if (startDuration.isNegative() || deleteDuration.isNegative()) {
      throw new IllegalArgumentException("app durations must not be negative");
    }
  }

  /** A healthy app with the service-wide durations. */
  public static AppBehaviour defaults(SageMakerTimings timings) {
    return new AppBehaviour(
        timings.appStart(),
        timings.appDelete(),
        false,
        DeleteOutcome.DELETED,
        DEFAULT_FAILURE_REASON);
  }

  public AppBehaviour withStartDuration(Duration value) {
    return new AppBehaviour(value, deleteDuration, failOnCreate, onDelete, failureReason);
  }

  public AppBehaviour withDeleteDuration(Duration value) {
    return new AppBehaviour(startDuration, value, failOnCreate, onDelete, failureReason);
  }

  /** Ends Failed instead of InService once the start duration has passed. */
  public AppBehaviour failingOnCreate() {
    return new AppBehaviour(startDuration, deleteDuration, true, onDelete, failureReason);
  }

  public AppBehaviour withOnDelete(DeleteOutcome value) {
    return new AppBehaviour(startDuration, deleteDuration, failOnCreate, value, failureReason);
  }

  public AppBehaviour withFailureReason(String value) {
    return new AppBehaviour(startDuration, deleteDuration, failOnCreate, onDelete, value);
  }
}
