package dev.studiolifecycle.model;

import java.util.List;
import java.util.Map;

/**
 * What PlanReconcile wrote and found: where the plan and its actions are ({@code actionsKey} is
 * what the Map Run reads), how many items of each kind, the roster rows skipped (by line: the first
 * {@code badRows}, each cut to a line's length, of {@code badRowCount}; all of them in the object
 * {@code badRowsKey}, so that a roster of many bad rows keeps the state and the notification within
 * their 256 KiB), the domains the guard refuses to empty, and whether the state machine goes on to
 * apply the plan.
 */
public record ReconcilePlanned(
    String mode,
    String rosterBucket,
    String rosterKey,
    String planKey,
    String actionsKey,
    Map<String, Integer> counts,
    int actions,
    List<String> badRows,
    int badRowCount,
    String badRowsKey,
    List<String> refusals,
    boolean apply,
    String summary) {

  public ReconcilePlanned {
    // In the plan's order of kinds, for people reading the notification.
    counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    badRows = List.copyOf(badRows);
    refusals = List.copyOf(refusals);
  }
}
