package dev.studiolifecycle.local.asl.definition;

import java.util.regex.Pattern;

/** The names Step Functions allows for state machines, executions and Map Run labels. */
public final class StatesNames {

  /**
   * Step Functions API reference (StartExecution's and CreateStateMachine's {@code name}): no white
   * space, brackets {@code < > { } [ ]}, wildcards {@code ? *}, special characters {@code " # % \ ^
   * | ~ ` $ & , ; : /}, control characters (U+0000-001F, U+007F-009F, U+FFFE-FFFF), surrogates
   * (U+D800-DFFF) or U+10FFFF. Which white space is not said: every Unicode one is refused here
   * (the stricter reading). A pair of surrogates is one character above U+FFFF, which the regex
   * reads as one code point: only an unpaired surrogate is refused.
   */
  private static final Pattern CHARACTERS =
      Pattern.compile(
          "[^\\s\\p{Z}<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/"
              + "\\x{0000}-\\x{001F}\\x{007F}-\\x{009F}\\x{FFFE}\\x{FFFF}"
              + "\\x{D800}-\\x{DFFF}\\x{10FFFF}]+");

  /** A state machine's or execution's name may have 80 characters, a Map state's Label 40. */
  public static final int MAX_NAME = 80;

  public static final int MAX_LABEL = 40;

  private StatesNames() {}

  /**
   * Checks a state machine or execution name.
   *
   * @throws IllegalArgumentException naming the rule that the name breaks
   */
  public static void checkName(String kind, String name) {
    if (!isName(name, MAX_NAME)) {
      throw new IllegalArgumentException(
          "Invalid "
              + kind
              + " name '"
              + name
              + "': it must be "
              + "1 to 80 characters with no white space, brackets, wildcards, control characters,"
              + " surrogates or any of \" # % \\ ^ | ~ ` $ & , ; : /");
    }
  }

  /** Whether {@code name} has 1 to {@code maxLength} characters, each one a name may have. */
  public static boolean isName(String name, int maxLength) {
    return name != null
        && name.codePointCount(0, name.length()) <= maxLength
        && CHARACTERS.matcher(name).matches();
  }
}
