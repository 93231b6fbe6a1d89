package dev.studiolifecycle.local.report;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An execution's timeline as a picture: one row per state visited at the top level, a bar from its
 * entry to its exit on the execution's time axis (waits grey, failures red), and a red mark at each
 * failure inside the state that was retried or caught. An HTML page holds one such SVG per
 * execution; it is well-formed XML, so it opens in any browser and parses as XHTML.
 */
public final class TimelineSvg {

  private static final int WIDTH = 960;
  private static final int LABEL = 300;
  private static final int ROW = 22;
  private static final int TOP = 40;
  private static final int CAPTION = 24;

  /** One visit of a top-level state. */
  record Bar(String state, String kind, Instant entered, Instant exited, List<Mark> failures) {}

  /** A failure inside a visit: retried or caught. */
  record Mark(Instant at, String error) {}

  private TimelineSvg() {}

  /** The HTML page of {@code executions}' timelines, one after the other, titled {@code title}. */
  public static String html(String title, List<Execution> executions) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
        .append("<head><meta charset=\"utf-8\"/><title>")
        .append(escape(title))
        .append("</title>\n<style>body{font-family:sans-serif;margin:24px}")
        .append("h2{font-size:16px;margin:24px 0 4px}</style></head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    for (Execution execution : executions) {
      out.append("<h2>")
          .append(escape(caption(execution)))
          .append("</h2>\n")
          .append(svg(execution));
    }
    return out.append("</body>\n</html>\n").toString();
  }

  /**
   * {@code executions}' timelines in one standalone SVG document, each under a caption (its name,
   * state machine and outcome): what a README, an image viewer or a browser shows as an image.
   */
  public static String standalone(List<Execution> executions) {
    StringBuilder body = new StringBuilder();
    int y = 0;
    for (Execution execution : executions) {
      body.append("  <text x=\"4\" y=\"")
          .append(y + 18)
          .append("\" font-size=\"14\" font-weight=\"bold\">")
          .append(escape(caption(execution)))
          .append("</text>\n")
          .append(
              svg(execution).replaceFirst("<svg ", "<svg x=\"0\" y=\"" + (y + CAPTION) + "\" "));
      y += CAPTION + height(bars(execution));
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + WIDTH
        + "\" height=\""
        + y
        + "\" font-family=\"sans-serif\">\n  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        + body
        + "</svg>\n";
  }

  private static String caption(Execution execution) {
    return execution.name() + " (" + execution.stateMachine().name() + "): " + execution.status();
  }

  private static int height(List<Bar> bars) {
    return TOP + bars.size() * ROW + 20;
  }

  /** One execution's timeline as an SVG element. */
  public static String svg(Execution execution) {
    List<Bar> bars = bars(execution);
    Instant start = execution.startDate();
    Instant end = ExecutionReport.endOf(execution);
    long total = Math.max(1, Duration.between(start, end).toMillis());
    int plot = WIDTH - LABEL - 20;
    int height = height(bars);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" font-size=\"12\" data-execution=\"")
        .append(escape(execution.executionArn()))
        .append("\">\n");
    for (int i = 0; i <= 4; i++) {
      int x = LABEL + plot * i / 4;
      svg.append("  <line x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(TOP - 8)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(height - 16)
          .append("\" stroke=\"#ddd\"/>\n  <text x=\"")
          .append(x)
          .append("\" y=\"")
          .append(TOP - 14)
          .append("\" text-anchor=\"middle\">")
          .append(ExecutionReport.offset(Duration.ofMillis(total * i / 4)).strip())
          .append("</text>\n");
    }
    for (int row = 0; row < bars.size(); row++) {
      appendBar(svg, bars.get(row), TOP + row * ROW, start, total, plot);
    }
    return svg.append("</svg>\n").toString();
  }

  /** One state's bar at height {@code y}, with its failures' marks. */
  private static void appendBar(
      StringBuilder svg, Bar bar, int y, Instant start, long total, int plot) {
    long from = Duration.between(start, bar.entered()).toMillis();
    long to = Duration.between(start, bar.exited()).toMillis();
    int x = LABEL + (int) (plot * from / total);
    int width = Math.max(3, (int) (plot * (to - from) / total));
    Duration spent = Duration.between(bar.entered(), bar.exited());
    svg.append("  <g class=\"state ")
        .append(bar.kind())
        .append("\" data-state=\"")
        .append(escape(bar.state()))
        .append("\">\n    <text x=\"4\" y=\"")
        .append(y + 15)
        .append("\">")
        .append(escape(bar.state()))
        .append("  ")
        .append(ExecutionReport.offset(spent).strip())
        .append("</text>\n    <rect x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y + 3)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(ROW - 6)
        .append("\" fill=\"")
        .append(colour(bar.kind()))
        .append("\"><title>")
        .append(escape(bar.state() + " (" + bar.kind() + "), " + ExecutionReport.offset(spent)))
        .append("</title></rect>\n");
    for (Mark mark : bar.failures()) {
      int mx = LABEL + (int) (plot * Duration.between(start, mark.at()).toMillis() / total);
      svg.append("    <line class=\"failure\" x1=\"")
          .append(mx)
          .append("\" y1=\"")
          .append(y + 1)
          .append("\" x2=\"")
          .append(mx)
          .append("\" y2=\"")
          .append(y + ROW - 1)
          .append("\" stroke=\"#c0392b\" stroke-width=\"2\"><title>")
          .append(escape(mark.error()))
          .append("</title></line>\n");
    }
    svg.append("  </g>\n");
  }

  /** The top-level state visits of the history, with the failures inside each. */
  static List<Bar> bars(Execution execution) {
    Set<String> topLevel = execution.stateMachine().definition().block().states().keySet();
    List<Bar> bars = new ArrayList<>();
    String state = null;
    String kind = null;
    Instant entered = null;
    List<Mark> failures = new ArrayList<>();
    for (HistoryEvent event : execution.history()) {
      String name = event.stateName();
      String type = event.type().name();
      if (name == null || !topLevel.contains(name)) {
        continue;
      }
      if (type.endsWith("StateEntered")) {
        state = name;
        kind = type.substring(0, type.length() - "StateEntered".length()).toLowerCase(Locale.ROOT);
        entered = event.timestamp();
        failures = new ArrayList<>();
      } else if (type.endsWith("StateExited") && name.equals(state)) {
        bars.add(new Bar(state, kind, entered, event.timestamp(), failures));
        state = null;
      } else if (name.equals(state)) {
        String error = error(event);
        if (error != null) {
          failures.add(new Mark(event.timestamp(), error));
        }
      }
    }
    if (state != null) {
      // The state the execution ended in (a Fail state, or one still running).
      bars.add(new Bar(state, kind, entered, ExecutionReport.endOf(execution), failures));
    }
    return bars;
  }

  private static String error(HistoryEvent event) {
    if (event.details() instanceof EventDetails.LambdaFunctionFailure d) {
      return d.error();
    }
    if (event.details() instanceof EventDetails.TaskFailure d) {
      return d.error();
    }
    return null;
  }

  private static String colour(String kind) {
    return switch (kind) {
      case "wait" -> "#b0b0b0";
      case "fail" -> "#c0392b";
      case "succeed" -> "#27ae60";
      case "choice", "pass" -> "#8e7cc3";
      case "map", "parallel" -> "#e67e22";
      default -> "#3d7cc9";
    };
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
