package dev.studiolifecycle.local.asl.engine;

import java.util.regex.Pattern;

/** The names Step Functions allows for state machines and executions. */
public final class StatesNames {

  // Step Functions rejects whitespace, brackets, wildcards and these punctuation marks in names.
  private static final Pattern NAME =
      Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/" + "\\p{Cntrl}]{1,80}");

  private StatesNames() {}

  /**
   * Checks a state machine or execution name.
   *
   * @throws IllegalArgumentException naming the rule that the name breaks
   */
  public static void checkName(String kind, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid "
              + kind
              + " name '"
              + name
              + "': it must be "
              + "1 to 80 characters with no whitespace, brackets, wildcards, control characters or "
              + "any of \" # % \\ ^ | ~ ` $ & , ; : /");
    }
  }
}
