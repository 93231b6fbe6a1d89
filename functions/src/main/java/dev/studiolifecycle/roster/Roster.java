package dev.studiolifecycle.roster;

import java.util.List;
import java.util.Optional;

/**
 * A roster as read: the rows that passed every check, in file order, and one problem per row that
 * did not (skipped, never guessed at).
 */
public record Roster(List<RosterEntry> entries, List<Problem> problems) {

  /** A row that was skipped, and why ({@code line}: 1 is the first line of the file). */
  public record Problem(int line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  public Roster {
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
  }

  /** The entry of this user name (compared without regard to case, as profile names are). */
  public Optional<RosterEntry> entry(String userName) {
    return entries.stream().filter(e -> e.userName().equalsIgnoreCase(userName)).findFirst();
  }
}
