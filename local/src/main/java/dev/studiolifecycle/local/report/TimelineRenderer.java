package dev.studiolifecycle.local.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import java.time.Instant;
import java.util.List;

/**
 * Renders a history as a readable timeline, one line per event: the virtual time since the
 * execution started ({@code +00:02:05}), the state, the event, and the error where there is one.
 *
 * <pre>
 * +00:00:00  Validate         TaskStateEntered
 * +00:00:00  Validate         TaskFailed         dev.studiolifecycle.error.ValidationError: ...
 * </pre>
 */
public final class TimelineRenderer {

  private static final int MAX_STATE_COLUMN = 40;
  private static final int MAX_DETAIL = 240;

  private TimelineRenderer() {}

  /** The timeline, offsets counted from the first event; empty for an empty history. */
  public static String render(List<HistoryEvent> events) {
    if (events.isEmpty()) {
      return "";
    }
    Instant start = events.get(0).timestamp();
    int stateWidth =
        Math.min(
            MAX_STATE_COLUMN,
            events.stream().mapToInt(e -> e.state().map(String::length).orElse(0)).max().orElse(0));
    int typeWidth = events.stream().mapToInt(e -> e.type().name().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (HistoryEvent event : events) {
      StringBuilder line = new StringBuilder();
      line.append(ExecutionReport.offset(start, event.timestamp())).append("  ");
      line.append(pad(event.state().orElse(""), stateWidth)).append("  ");
      String detail = detail(event);
      line.append(detail.isEmpty() ? event.type().name() : pad(event.type().name(), typeWidth));
      if (!detail.isEmpty()) {
        line.append("  ").append(detail);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String detail(HistoryEvent event) {
    EventDetails details = event.details();
    if (details instanceof EventDetails.ExecutionFailure d) {
      return errorText(d.error(), d.cause());
    }
    if (details instanceof EventDetails.TaskFailure d) {
      return errorText(d.error(), d.cause());
    }
    if (details instanceof EventDetails.LambdaFunctionFailure d) {
      return errorText(d.error(), d.cause());
    }
    if (details instanceof EventDetails.MapStateStarted d) {
      return d.length() + (d.length() == 1 ? " item" : " items");
    }
    if (details instanceof EventDetails.MapIteration d) {
      return "item " + d.index();
    }
    return "";
  }

  private static String errorText(String error, String cause) {
    String summary = summarise(cause);
    String text =
        (error == null ? "(no error name)" : error) + (summary.isEmpty() ? "" : ": " + summary);
    text = text.replaceAll("\\s+", " ");
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL - 3) + "..." : text;
  }

  /** A Lambda error cause is the runtime's JSON error; its errorMessage says what happened. */
  private static String summarise(String cause) {
    if (cause == null || cause.isBlank()) {
      return "";
    }
    if (cause.startsWith("{")) {
      try {
        JsonNode json = LocalJson.MAPPER.readTree(cause);
        JsonNode message = json.get("errorMessage");
        if (message != null && message.isTextual()) {
          return message.asText();
        }
      } catch (JsonProcessingException e) {
        // Not JSON after all: the cause is shown as it is.
        return cause;
      }
    }
    return cause;
  }

  private static String pad(String text, int width) {
    if (text.length() >= width) {
      return text;
    }
    return text + " ".repeat(width - text.length());
  }
}
