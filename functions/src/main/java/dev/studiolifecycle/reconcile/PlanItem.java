package dev.studiolifecycle.reconcile;

import dev.studiolifecycle.roster.RosterEntry;

/**
 * One action of a reconcile plan, for one profile (or, for a joiner, the profile to create): what
 * to do, where, why, and the roster row behind it (none for a leaver the roster does not list).
 */
public record PlanItem(
    Kind kind, String domainId, String userProfileName, String reason, RosterEntry entry) {

  /** What the plan does with the profile; {@code UNMANAGED} and {@code UNCHANGED} do nothing. */
  public enum Kind {
    JOIN,
    MOVE,
    LEAVE,
    RESTORE,
    UNMANAGED,
    UNCHANGED;

    /** Whether applying the plan starts an execution for it. */
    public boolean acts() {
      return this == JOIN || this == MOVE || this == LEAVE || this == RESTORE;
    }

    /** Whether its request carries the roster's e-mail and team: a joiner's and a mover's. */
    public boolean carriesSettings() {
      return this == JOIN || this == MOVE;
    }
  }
}
