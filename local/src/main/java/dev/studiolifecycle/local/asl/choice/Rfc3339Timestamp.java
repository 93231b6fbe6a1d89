package dev.studiolifecycle.local.asl.choice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as the Amazon States Language defines them: the RFC 3339 profile of ISO 8601 with an
 * uppercase {@code T} between date and time and an uppercase {@code Z} when there is no numeric
 * offset, e.g. {@code 2016-03-14T01:59:00Z}. Comparisons use the instant they denote.
 */
final class Rfc3339Timestamp {

  // java.time's ISO parsers accept a lowercase 't' and 'z' and omit-able seconds; the States
  // Language does not, so the shape is checked first.
  private static final Pattern SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private Rfc3339Timestamp() {}

  /** The instant of a valid timestamp, or empty for any other string. */
  static Optional<Instant> parse(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      // Right shape, impossible date or time (e.g. month 13): not a timestamp.
      return Optional.empty();
    }
  }
}
