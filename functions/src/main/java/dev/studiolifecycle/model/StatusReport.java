package dev.studiolifecycle.model;

import java.util.List;

/**
 * CheckStatus' output. {@code complete} is true when nothing is in progress any more; {@code
 * anyFailed} is true when an item failed. The state machine loops while not complete.
 */
public record StatusReport(
    StatusMode mode,
    List<StatusItem> inProgress,
    List<StatusItem> done,
    List<StatusItem> failed,
    boolean complete,
    boolean anyFailed) {

  /** Builds a report whose flags agree with its lists. */
  public static StatusReport of(
      StatusMode mode,
      List<StatusItem> inProgress,
      List<StatusItem> done,
      List<StatusItem> failed) {
    return new StatusReport(
        mode,
        List.copyOf(inProgress),
        List.copyOf(done),
        List.copyOf(failed),
        inProgress.isEmpty(),
        !failed.isEmpty());
  }
}
