package dev.studiolifecycle.local.asl.choice;

import java.util.regex.Pattern;

/**
 * The pattern of a StringMatches rule: {@code *} matches any run of characters (none included);
 * {@code \*} is a literal asterisk and {@code \\} a literal backslash. Every other character
 * matches itself.
 */
record WildcardPattern(String text, Pattern regex) {

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException when a backslash escapes something other than * or \
   */
  static WildcardPattern compile(String text) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 >= text.length() || (text.charAt(i + 1) != '*' && text.charAt(i + 1) != '\\')) {
          throw new IllegalArgumentException(
              "a backslash at position "
                  + i
                  + " must be followed by '*' or '\\' (write \\\\ for a literal backslash)");
        }
        literal.append(text.charAt(++i));
      } else if (c == '*') {
        regex.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return new WildcardPattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  boolean matches(String value) {
    return regex.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
