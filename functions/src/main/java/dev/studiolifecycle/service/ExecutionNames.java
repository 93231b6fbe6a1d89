package dev.studiolifecycle.service;

import java.util.regex.Pattern;

/**
 * Step Functions execution names derived from HR event ids. The same event always gives the same
 * name, so a redelivered message finds the execution already started instead of starting a second
 * one.
 */
public final class ExecutionNames {

  static final int MAX_LENGTH = 80;
  private static final int HASH_CHARS = 16;
  private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z_-]{1,80}");
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^0-9A-Za-z_-]");

  private ExecutionNames() {}

  /**
   * The event id itself when it is a valid execution name ({@code [0-9A-Za-z_-]}, at most 80
   * characters); otherwise the id with other characters replaced by {@code -}, cut to fit, and
   * followed by {@code -} and 16 hex characters of the id's SHA-256, so different ids never share a
   * name.
   */
  public static String fromEventId(String eventId) {
    if (ALLOWED.matcher(eventId).matches()) {
      return eventId;
    }
    String hash = RoleNames.sha256Hex(eventId).substring(0, HASH_CHARS);
    String cleaned = NOT_ALLOWED.matcher(eventId).replaceAll("-");
    int room = MAX_LENGTH - HASH_CHARS - 1;
    String start = cleaned.length() > room ? cleaned.substring(0, room) : cleaned;
    return start + "-" + hash;
  }
}
