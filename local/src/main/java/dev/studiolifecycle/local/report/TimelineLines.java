package dev.studiolifecycle.local.report;

import static dev.studiolifecycle.local.report.ExecutionReport.count;
import static dev.studiolifecycle.local.report.ExecutionReport.offset;
import static dev.studiolifecycle.local.report.ExecutionReport.summarise;

import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds a history into one line per top-level state visit: its entry time, the items a Map state
 * took, the failures that were retried or caught, and what happened inside it.
 */
final class TimelineLines {

  /** The longest failure note, in characters. */
  private static final int MAX_NOTE = 200;

  private final Instant start;
  private final Set<String> topLevel;
  private final List<Line> lines = new ArrayList<>();
  private Line current;
  private String pendingFailure;
  private HistoryEvent pendingEvent;
  private Retried lastRetried;
  private Nested nested;

  /** Retries of one error in a row on one line: where its note is, when, how many. */
  private record Retried(String errorName, Instant first, int times, int noteIndex) {}

  TimelineLines(Instant start, Set<String> topLevel) {
    this.start = start;
    this.topLevel = topLevel;
  }

  void accept(HistoryEvent event) {
    String state = event.stateName();
    HistoryEventType type = event.type();
    boolean top = state != null && topLevel.contains(state);
    // Iteration events carry the Map state's name; the states they run are nested.
    boolean inside = (state != null && !top) || type.name().startsWith("MapIteration");
    if (inside) {
      if (nested != null) {
        nested.add(event);
      }
    } else if (top && type.name().endsWith("StateEntered")) {
      enter(event, type);
    } else if (current != null && top) {
      record(event, type);
    }
  }

  private void enter(HistoryEvent event, HistoryEventType type) {
    current =
        new Line(event.timestamp(), event.stateName(), new ArrayList<>(), new StringBuilder());
    lines.add(current);
    pendingFailure = null;
    lastRetried = null;
    nested =
        (type == HistoryEventType.MapStateEntered || type == HistoryEventType.ParallelStateEntered)
            ? new Nested()
            : null;
  }

  private void record(HistoryEvent event, HistoryEventType type) {
    if (event.details() instanceof EventDetails.MapStateStarted started) {
      current.details().append(count(started.length(), "item"));
    } else if (type == HistoryEventType.LambdaFunctionScheduled
        || type == HistoryEventType.TaskScheduled) {
      notePendingFailure(" (retried)");
    } else if (failure(event) != null) {
      pendingFailure = offset(start, event.timestamp()).strip() + "  " + failure(event);
      pendingEvent = event;
    } else if (type.name().endsWith("StateExited")) {
      notePendingFailure(" (caught)");
      if (nested != null) {
        String summary = nested.summary();
        if (!summary.isEmpty()) {
          current.details().append(current.details().isEmpty() ? "" : "; ").append(summary);
        }
        current.notes().addAll(nested.failures());
        nested = null;
      }
    }
  }

  /**
   * Notes the failure before this event. Retries of the same error in a row (a poll, a throttle)
   * fold into one note: the first time, the last message, how many and until when.
   */
  private void notePendingFailure(String how) {
    if (pendingFailure == null) {
      return;
    }
    String name = failureName(pendingEvent);
    boolean retried = how.equals(" (retried)");
    if (retried && lastRetried != null && lastRetried.errorName().equals(name)) {
      int times = lastRetried.times() + 1;
      current
          .notes()
          .set(
              lastRetried.noteIndex(),
              offset(start, lastRetried.first()).strip()
                  + "  "
                  + failure(pendingEvent)
                  + " (retried x"
                  + times
                  + " until "
                  + offset(start, pendingEvent.timestamp()).strip()
                  + ")");
      lastRetried = new Retried(name, lastRetried.first(), times, lastRetried.noteIndex());
    } else {
      current.notes().add(pendingFailure + how);
      lastRetried =
          retried
              ? new Retried(name, pendingEvent.timestamp(), 1, current.notes().size() - 1)
              : null;
    }
    pendingFailure = null;
  }

  List<Line> finish() {
    if (pendingFailure != null && current != null) {
      current.notes().add(pendingFailure);
    }
    return lines;
  }

  /** A state entered at the top level, with what happened inside it. */
  record Line(Instant at, String state, List<String> notes, StringBuilder details) {
    String summary() {
      return details.toString();
    }

    boolean plain() {
      return notes.isEmpty() && details.isEmpty();
    }
  }

  /** What happened inside a Map or Parallel state: iterations, invocations, failures. */
  private static final class Nested {
    private int iterationsSucceeded;
    private int iterationsFailed;
    private int invocations;
    private final Map<String, Integer> failures = new TreeMap<>();

    void add(HistoryEvent event) {
      HistoryEventType type = event.type();
      if (type == HistoryEventType.MapIterationSucceeded) {
        iterationsSucceeded++;
      } else if (type == HistoryEventType.MapIterationFailed
          || type == HistoryEventType.MapIterationAborted) {
        iterationsFailed++;
      } else if (type == HistoryEventType.LambdaFunctionScheduled
          || type == HistoryEventType.TaskScheduled) {
        invocations++;
      } else {
        String error = failureName(event);
        if (error != null) {
          failures.merge(event.stateName() + ": " + error, 1, Integer::sum);
        }
      }
    }

    String summary() {
      List<String> parts = new ArrayList<>();
      if (iterationsSucceeded + iterationsFailed > 0) {
        parts.add(
            count(iterationsSucceeded, "iteration")
                + " succeeded"
                + (iterationsFailed > 0 ? ", " + iterationsFailed + " failed" : ""));
      }
      if (invocations > 0) {
        parts.add(count(invocations, "task") + " run");
      }
      return String.join(", ", parts);
    }

    List<String> failures() {
      return failures.entrySet().stream()
          .map(entry -> entry.getKey() + " x" + entry.getValue())
          .toList();
    }
  }

  private static String failure(HistoryEvent event) {
    String error;
    String cause;
    if (event.details() instanceof EventDetails.LambdaFunctionFailure d) {
      error = d.error();
      cause = d.cause();
    } else if (event.details() instanceof EventDetails.TaskFailure d) {
      error = d.error();
      cause = d.cause();
    } else {
      return null;
    }
    String text = (error == null ? "(no error name)" : error);
    String summary = summarise(cause == null ? "" : cause);
    if (!summary.isEmpty()) {
      text += ": " + summary;
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > MAX_NOTE ? text.substring(0, MAX_NOTE - 3) + "..." : text;
  }

  private static String failureName(HistoryEvent event) {
    if (event.details() instanceof EventDetails.LambdaFunctionFailure d) {
      return d.error() == null ? "(no error name)" : d.error();
    }
    if (event.details() instanceof EventDetails.TaskFailure d) {
      return d.error() == null ? "(no error name)" : d.error();
    }
    return null;
  }
}
