package dev.studiolifecycle.local.template;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's schedule expressions, checked as CreateSchedule checks them (Scheduler
 * user guide, "Schedule types"): {@code at(yyyy-mm-ddThh:mm:ss)}; {@code rate(value unit)} with a
 * positive whole value and minute, hour or day (singular for 1, plural otherwise: the stricter
 * reading); {@code cron(fields)} with six fields (minutes hours day-of-month month day-of-week
 * year), each within its values and wildcards, and {@code ?} in exactly one of day-of-month and
 * day-of-week ("You can't use * in both ... If you use it in one, you must use ? in the other").
 */
final class ScheduleExpressions {

  private static final Pattern RATE = Pattern.compile("rate\\(([0-9]+) (minute|hour|day)(s?)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  private static final Pattern AT = Pattern.compile("at\\((.*)\\)");

  /** Each cron field: its name, the characters it may hold, and its numbers' range. */
  private record Field(String name, Pattern characters, int min, int max) {}

  private static final Field[] FIELDS = {
    new Field("minutes", Pattern.compile("[0-9,*/-]+"), 0, 59),
    new Field("hours", Pattern.compile("[0-9,*/-]+"), 0, 23),
    new Field("day-of-month", Pattern.compile("[0-9,*?/LW-]+"), 1, 31),
    new Field(
        "month",
        Pattern.compile("([0-9,*/-]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)+"),
        1,
        12),
    new Field("day-of-week", Pattern.compile("([0-9,*?L#-]|SUN|MON|TUE|WED|THU|FRI|SAT)+"), 1, 7),
    new Field("year", Pattern.compile("[0-9,*/-]+"), 1970, 2199)
  };

  private ScheduleExpressions() {}

  /**
   * @throws TemplateException naming {@code where} and the rule the expression breaks
   */
  static void check(String expression, String where) {
    Matcher rate = RATE.matcher(expression);
    if (rate.matches()) {
      long value = Long.parseLong(rate.group(1));
      boolean plural = !rate.group(3).isEmpty();
      if (value < 1 || plural != (value != 1)) {
        throw refused(
            where, expression, "a rate takes a positive value, with a singular unit for 1");
      }
      return;
    }
    Matcher at = AT.matcher(expression);
    if (at.matches()) {
      try {
        LocalDateTime.parse(at.group(1));
      } catch (DateTimeParseException e) {
        throw refused(where, expression, "at() takes yyyy-mm-ddThh:mm:ss");
      }
      return;
    }
    Matcher cron = CRON.matcher(expression);
    if (!cron.matches()) {
      throw refused(where, expression, "it is neither at(), rate() nor cron()");
    }
    String[] fields = cron.group(1).split(" ", -1);
    if (fields.length != FIELDS.length) {
      throw refused(
          where,
          expression,
          "cron() takes six fields (minutes hours day-of-month month day-of-week year), not "
              + fields.length);
    }
    for (int i = 0; i < fields.length; i++) {
      checkField(FIELDS[i], fields[i], where, expression);
    }
    if (fields[2].equals("?") == fields[4].equals("?")) {
      throw refused(where, expression, "exactly one of day-of-month and day-of-week must be ?");
    }
  }

  private static void checkField(Field field, String value, String where, String expression) {
    if (!field.characters().matcher(value).matches()) {
      throw refused(
          where, expression, "its " + field.name() + " field '" + value + "' is not valid");
    }
    Matcher numbers = Pattern.compile("(?<![#/0-9])[0-9]+").matcher(value);
    while (numbers.find()) {
      int number = Integer.parseInt(numbers.group());
      if (number < field.min() || number > field.max()) {
        throw refused(
            where,
            expression,
            "its "
                + field.name()
                + " field takes "
                + field.min()
                + " to "
                + field.max()
                + ", not "
                + number);
      }
    }
  }

  private static TemplateException refused(String where, String expression, String why) {
    return new TemplateException(
        where + ": '" + expression + "' is not a schedule EventBridge Scheduler takes: " + why);
  }
}
