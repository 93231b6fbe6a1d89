package dev.studiolifecycle.roster;

import java.util.List;
import java.util.Optional;

/**
 * A roster as read: the rows that passed every check, in file order, and one problem per row that
 * did not (skipped, never guessed at).
 */
public record Roster(List<RosterEntry> entries, List<Problem> problems) {

  /**
   * A row that was skipped, and why ({@code line}: 1 is the first line of the file). {@code
   * userName} is the row's user name when it could be read (a valid profile name in a row that
   * parsed), else null: then the row might be anyone's.
   */
  public record Problem(int line, String reason, String userName) {

    public Problem(int line, String reason) {
      this(line, reason, null);
    }

    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  public Roster {
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
  }

  /** The first skipped row of this user name (compared without regard to case). */
  public Optional<Problem> skipped(String userName) {
    return problems.stream()
        .filter(p -> p.userName() != null && p.userName().equalsIgnoreCase(userName))
        .findFirst();
  }

  /** The skipped rows whose user name could not be read: they might be anyone's. */
  public List<Problem> unreadable() {
    return problems.stream().filter(p -> p.userName() == null).toList();
  }

  /** The entry of this user name (compared without regard to case, as profile names are). */
  public Optional<RosterEntry> entry(String userName) {
    return entries.stream().filter(e -> e.userName().equalsIgnoreCase(userName)).findFirst();
  }
}
