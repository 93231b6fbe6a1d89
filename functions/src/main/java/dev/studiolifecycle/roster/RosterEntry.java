package dev.studiolifecycle.roster;

/**
 * One person of the roster. {@code team} and {@code ssoUserName} are absent when the row gives
 * none; {@code line} is where the row stands in the file (1 is the first line).
 */
public record RosterEntry(
    int line, String userName, String email, String team, Status status, String ssoUserName) {

  /** Whether the person should have access ({@code ACTIVE}) or not ({@code INACTIVE}). */
  public enum Status {
    ACTIVE,
    INACTIVE
  }

  public boolean active() {
    return status == Status.ACTIVE;
  }
}
