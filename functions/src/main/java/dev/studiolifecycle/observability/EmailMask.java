package dev.studiolifecycle.observability;

import java.util.regex.Pattern;

/**
 * Masks e-mail addresses in text that may be logged: {@code jane.doe@example.com} becomes {@code
 * j***@example.com}. The domain stays, so a log still tells which organisation.
 */
public final class EmailMask {

  private static final Pattern EMAIL =
      Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+\\-]*@([A-Za-z0-9.\\-]+\\.[A-Za-z]{2,})");

  private EmailMask() {}

  /** {@code text} with every e-mail address masked; null stays null. */
  public static String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    return EMAIL.matcher(text).replaceAll("$1***@$2");
  }
}
