package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.report.TimelineSvg;
import dev.studiolifecycle.local.runtime.BadInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --timeline <file.html|file.svg>}, by the same name on run and demo: each execution's
 * timeline as a picture (states on a time axis, waits and failures visible), in one HTML page, or
 * in one SVG image when the file's name ends in {@code .svg}.
 */
final class TimelineOption {

  @Option(
      names = "--timeline",
      paramLabel = "<file.html|file.svg>",
      description =
          "Also write each execution's timeline as a picture (a bar per state on the time axis,"
              + " waits grey, retried or caught failures as red marks): an HTML page, or one SVG"
              + " image when the name ends in .svg")
  Path file;

  /**
   * Writes the page when one was asked for.
   *
   * @throws BadInput when the file cannot be written
   */
  void write(String title, List<Execution> executions) {
    if (file == null) {
      return;
    }
    try {
      boolean image = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
      Files.writeString(
          file, image ? TimelineSvg.standalone(executions) : TimelineSvg.html(title, executions));
    } catch (IOException e) {
      throw new BadInput("--timeline: cannot write " + file + ": " + e.getMessage());
    }
  }
}
