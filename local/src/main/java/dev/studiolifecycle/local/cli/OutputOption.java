package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.BadInput;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Option;

/**
 * {@code --output text|json}, by the same name on every command that reports executions: text for a
 * person, or one JSON document per execution, one per line (JSON Lines), for scripts.
 */
final class OutputOption {

  @Option(
      names = "--output",
      paramLabel = "text|json",
      description =
          "text (default): the report for a person; json: one JSON document per execution, one"
              + " per line (path, outcome, notifications, figures), nothing else on stdout")
  String format = "text";

  /**
   * Whether JSON was asked for.
   *
   * @throws BadInput for a format that is neither
   */
  boolean json() {
    return switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new BadInput("--output: must be text or json, not " + format);
    };
  }

  /** Where the text report goes: {@code out}, or nowhere when JSON was asked for. */
  PrintWriter textTo(PrintWriter out) {
    return json() ? new PrintWriter(Writer.nullWriter()) : out;
  }

  /** Prints the execution's JSON document on a line of its own, when JSON was asked for. */
  void document(PrintWriter out, ExecutionReport report) {
    if (json()) {
      out.println(report.toJson().toString());
    }
  }
}
