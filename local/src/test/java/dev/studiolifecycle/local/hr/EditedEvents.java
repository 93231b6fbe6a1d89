package dev.studiolifecycle.local.hr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** HR event files of events/hr with one piece of text changed, for tests of malformed events. */
public final class EditedEvents {

  private static final Path ROOT =
      Path.of(System.getProperty("studiolifecycle.projectRoot", "..")).toAbsolutePath();

  private EditedEvents() {}

  /**
   * Writes {@code dir/name}: the project file {@code source} with {@code from} replaced by {@code
   * to}; fails when {@code from} is not in it, so an edit that no longer applies is not silent.
   */
  public static Path edited(Path dir, String name, String source, String from, String to)
      throws IOException {
    String text = Files.readString(ROOT.resolve(source));
    if (!text.contains(from)) {
      throw new IllegalArgumentException(source + " does not contain " + from);
    }
    Path event = dir.resolve(name);
    Files.writeString(event, text.replace(from, to));
    return event;
  }

  /** {@code dir/no-email.json}: the hire of events/hr with no e-mail address (a phone instead). */
  public static Path hireWithoutEmail(Path dir) throws IOException {
    return edited(
        dir,
        "no-email.json",
        "events/hr/employee-hired.json",
        "\"email\": \"jane.doe@example.com\"",
        "\"phone\": \"0\"");
  }

  /** {@code dir/hired-without-user.json}: the SNS hire of events/hr whose message names nobody. */
  public static Path snsHireWithoutUserName(Path dir) throws IOException {
    return edited(
        dir,
        "hired-without-user.json",
        "events/hr/employee-hired-sns.json",
        "\\\"userName\\\": \\\"john-roe\\\", ",
        "");
  }
}
