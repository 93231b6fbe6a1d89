package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.report.TimelineSvg;
import dev.studiolifecycle.local.runtime.BadInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --timeline <file.html>}, by the same name on run and demo: each execution's timeline as a
 * picture (states on a time axis, waits and failures visible), in one HTML page.
 */
final class TimelineOption {

  @Option(
      names = "--timeline",
      paramLabel = "<file.html>",
      description =
          "Also write each execution's timeline as a picture (SVG in an HTML page: a bar per state"
              + " on the time axis, waits grey, retried or caught failures as red marks)")
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
      Files.writeString(file, TimelineSvg.html(title, executions));
    } catch (IOException e) {
      throw new BadInput("--timeline: cannot write " + file + ": " + e.getMessage());
    }
  }
}
