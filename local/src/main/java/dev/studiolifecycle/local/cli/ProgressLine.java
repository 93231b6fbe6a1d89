package dev.studiolifecycle.local.cli;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.report.ExecutionReport;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The progress line of {@code run}, {@code demo} and {@code hr-event}: once a run has lasted a
 * second of wall-clock time, a line on standard error about every second saying which execution is
 * running, in which state, and how far in virtual time; standard output stays the report's alone.
 */
final class ProgressLine {

  private ProgressLine() {}

  /** Prints the progress of every execution {@code runtime} drives from now on. */
  static void follow(LocalWorkflowRuntime runtime, PrintWriter err, String command) {
    long started = System.nanoTime();
    runtime
        .engine()
        .onProgress(
            execution -> {
              err.println(
                  line(
                      command,
                      execution,
                      runtime.clock().instant(),
                      Duration.ofNanos(System.nanoTime() - started)));
              err.flush();
            });
  }

  /**
   * {@code studio-lifecycle run: hr-2026-000417 in WaitForDeletions, virtual +00:03:30 (1.0 s)}.
   */
  static String line(String command, Execution execution, Instant now, Duration wall) {
    return String.format(
        "studio-lifecycle %s: %s in %s, virtual %s (%.1f s)",
        command,
        execution.name(),
        currentState(execution.history()),
        ExecutionReport.offset(Duration.between(execution.startDate(), now)).strip(),
        wall.toMillis() / 1000.0);
  }

  /** The state entered last, or "its start" before any. */
  static String currentState(List<HistoryEvent> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEvent event = history.get(i);
      if (event.type().name().endsWith("StateEntered")) {
        return event.stateName();
      }
    }
    return "its start";
  }
}
