package dev.studiolifecycle.local.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.emulator.ScheduledActions;
import dev.studiolifecycle.local.emulator.sns.MessageAttribute;
import dev.studiolifecycle.local.emulator.sns.PublishedMessage;
import dev.studiolifecycle.local.report.TimelineLines.Line;
import dev.studiolifecycle.local.template.FunctionDefinition;
import dev.studiolifecycle.local.template.SamTemplate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One execution told for people: a timeline of the states it went through at their virtual times
 * (task failures, retries and catches under the state they happened in, Map iterations summed up
 * under their Map state, polling loops folded into one line), the outcome, the SNS notifications it
 * published, and what AWS would bill for it ({@link ExecutionFigures}).
 *
 * <pre>
 * +00:00:00      Validate
 * +00:00:00      CreateUserProfile
 *                  ! +00:00:00.615  dev.studiolifecycle.error.RoleNotYetAssumable: ... (retried)
 * +00:00:42      [WaitBeforeCheck > CheckStatus > IsWaitOver > CountWait] x4 until +00:02:42
 * </pre>
 */
public final class ExecutionReport {

  private static final int MAX_CYCLE = 6;

  private final Execution execution;
  private final List<PublishedMessage> notifications;
  private final Function<String, Optional<FunctionDefinition>> functions;

  private ExecutionReport(
      Execution execution,
      List<PublishedMessage> notifications,
      Function<String, Optional<FunctionDefinition>> functions) {
    this.execution = Objects.requireNonNull(execution, "execution");
    this.notifications = List.copyOf(notifications);
    this.functions = Objects.requireNonNull(functions, "functions");
  }

  /**
   * The report of {@code execution} with the notifications among {@code published} that it sent
   * (those whose JSON message names its ARN as {@code executionArn}).
   */
  public static ExecutionReport of(Execution execution, List<PublishedMessage> published) {
    String arn = execution.executionArn();
    List<PublishedMessage> own =
        published.stream().filter(message -> arn.equals(executionArnOf(message))).toList();
    return new ExecutionReport(execution, own, functionArn -> Optional.empty());
  }

  /**
   * The same report, pricing Lambda run time with the memory and architecture of the template's
   * functions.
   */
  public ExecutionReport pricedWith(SamTemplate template) {
    return new ExecutionReport(
        execution,
        notifications,
        functionArn ->
            template.functions().values().stream()
                .filter(
                    f ->
                        functionArn.equals(f.arn())
                            || functionArn.equals(f.functionName())
                            || f.aliasArn().filter(functionArn::equals).isPresent())
                .findFirst());
  }

  public Execution execution() {
    return execution;
  }

  /** The notifications this execution published, oldest first. */
  public List<PublishedMessage> notifications() {
    return notifications;
  }

  /** What AWS bills for the execution so far. */
  public ExecutionFigures figures() {
    return ExecutionFigures.of(execution, functions);
  }

  /** The whole report: header, timeline, outcome, notifications, figures. */
  public String render() {
    return header()
        + timeline()
        + outcome()
        + '\n'
        + renderNotifications()
        + figures().render()
        + '\n'
        + figures().renderCost()
        + '\n';
  }

  /**
   * The report as one JSON document ({@code --output json}): the execution (ARN, name, state
   * machine, status, start and stop, error and cause when it failed), its path (each state entered
   * at the top level, with its time), its notifications (topic, subject, attributes, time, the
   * message parsed when it is JSON) and its figures (what AWS bills).
   */
  public ObjectNode toJson() {
    ObjectNode doc = LocalJson.MAPPER.createObjectNode();
    doc.put("executionArn", execution.executionArn())
        .put("name", execution.name())
        .put("stateMachine", execution.stateMachine().name())
        .put("status", execution.status().name())
        .put("startDate", execution.startDate().toString());
    execution.stopDate().ifPresent(stop -> doc.put("stopDate", stop.toString()));
    execution.error().ifPresent(error -> doc.put("error", error));
    execution.cause().ifPresent(cause -> doc.put("cause", cause));
    ArrayNode path = doc.putArray("path");
    for (Line line : lines()) {
      path.addObject().put("state", line.state()).put("enteredAt", line.at().toString());
    }
    ArrayNode sent = doc.putArray("notifications");
    for (PublishedMessage message : notifications) {
      ObjectNode item = sent.addObject();
      item.put("topic", topicName(message.topicArn())).put("at", message.time().toString());
      message.subjectLine().ifPresent(subject -> item.put("subject", subject));
      ObjectNode attributes = item.putObject("attributes");
      new TreeMap<>(message.attributes())
          .forEach(
              (name, value) ->
                  attributes.put(
                      name,
                      value.stringValue() != null ? value.stringValue() : value.binaryValue()));
      try {
        item.set("message", LocalJson.MAPPER.readTree(message.message()));
      } catch (IOException notJson) {
        item.put("message", message.message());
      }
    }
    ExecutionFigures figures = figures();
    doc.putObject("figures")
        .put("stateTransitionsBilled", figures.billedTransitions())
        .put("statesEntered", figures.statesEntered())
        .put("retries", figures.retries())
        .put("lambdaInvocations", figures.lambdaInvocations())
        .put("virtualDurationSeconds", figures.virtualDuration().toMillis() / 1000.0)
        .put("listPriceUsd", figures.listPriceUsd());
    return doc;
  }

  /** The report without the notifications: header, timeline, outcome, figures. */
  public String timelineReport() {
    return header()
        + timeline()
        + outcome()
        + '\n'
        + figures().render()
        + '\n'
        + figures().renderCost()
        + '\n';
  }

  /** {@code Execution <name> (<state machine>)}. */
  public String header() {
    return "Execution " + execution.name() + "  (" + execution.stateMachine().name() + ")\n";
  }

  /** One line per state entered at the top level of the state machine, loops folded. */
  public String timeline() {
    Instant start = execution.startDate();
    List<Line> lines = lines();
    // As wide as the longest offset, so that states stay in one column past 99 hours.
    int width = lines.stream().mapToInt(line -> offset(start, line.at()).length()).max().orElse(0);
    String column = "%-" + Math.max(width, 1) + "s";
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < lines.size()) {
      Fold fold = foldAt(lines, i);
      Line first = lines.get(i);
      if (fold.repeats() > 1) {
        List<String> names = lines.subList(i, i + fold.length()).stream().map(Line::state).toList();
        Line last = lines.get(i + fold.length() * fold.repeats() - 1);
        out.append(String.format(column, offset(start, first.at())))
            .append("  [")
            .append(String.join(" > ", names))
            .append("] x")
            .append(fold.repeats())
            .append(" until ")
            .append(offset(start, last.at()).strip())
            .append('\n');
        i += fold.length() * fold.repeats();
        continue;
      }
      out.append(String.format(column, offset(start, first.at())))
          .append("  ")
          .append(first.state());
      if (!first.summary().isEmpty()) {
        out.append("  (").append(first.summary()).append(')');
      }
      out.append('\n');
      for (String note : first.notes()) {
        out.append(" ".repeat(width + 3)).append("! ").append(note).append('\n');
      }
      i++;
    }
    return out.toString();
  }

  /** {@code SUCCEEDED at +00:02:05 (virtual time)}, or the status with the error and cause. */
  public String outcome() {
    ExecutionStatus status = execution.status();
    Instant end = endOf(execution);
    StringBuilder text = new StringBuilder(status.name());
    if (status == ExecutionStatus.RUNNING) {
      text.append(" (still running) at ");
    } else {
      text.append(" at ");
    }
    text.append(offset(execution.startDate(), end).strip()).append(" (virtual time)");
    if (execution.error().isPresent() || execution.cause().isPresent()) {
      text.append(": ").append(execution.error().orElse("(no error name)"));
      String cause = summarise(execution.cause().orElse(""));
      if (!cause.isEmpty()) {
        text.append(": ").append(cause);
      }
    }
    return text.toString();
  }

  /** This execution's notifications; times count from its start. */
  public String renderNotifications() {
    return renderNotifications(execution.startDate(), notifications);
  }

  /**
   * Notifications, each with its time since {@code reference}, topic, subject, attributes and
   * message.
   */
  public static String renderNotifications(
      Instant reference, List<PublishedMessage> notifications) {
    StringBuilder out = new StringBuilder();
    out.append("SNS notifications: ").append(notifications.size()).append('\n');
    for (PublishedMessage message : notifications) {
      out.append(offset(reference, message.time()))
          .append("  ")
          .append(topicName(message.topicArn()));
      message.subjectLine().ifPresent(subject -> out.append("  \"").append(subject).append('"'));
      Map<String, MessageAttribute> attributes = new TreeMap<>(message.attributes());
      attributes.forEach(
          (name, value) ->
              out.append("  ")
                  .append(name)
                  .append('=')
                  .append(value.stringValue() != null ? value.stringValue() : value.binaryValue()));
      out.append('\n');
      out.append(indent(messageBody(message.message()), "    "));
    }
    return out.toString();
  }

  /**
   * What the scenario's users did while the workflow ran (its {@code timeline}), each at its time
   * since {@code reference}, with SageMaker's answer when it refused; and how many actions were
   * still to come when the simulation ended.
   */
  public static String renderUserActions(
      Instant reference, List<ScheduledActions.Applied> applied, int stillToCome) {
    StringBuilder out = new StringBuilder();
    out.append("User actions (scenario timeline): ").append(applied.size()).append('\n');
    for (ScheduledActions.Applied action : applied) {
      out.append(offset(reference, action.due())).append("  ").append(action.description());
      if (!action.accepted()) {
        out.append("  refused: ").append(action.refusal());
      }
      out.append('\n');
    }
    if (stillToCome > 0) {
      out.append(count(stillToCome, "user action"))
          .append(" not performed: the simulation ended before ")
          .append(stillToCome == 1 ? "its" : "their")
          .append(" time\n");
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ timeline model

  private record Fold(int length, int repeats) {}

  private List<Line> lines() {
    TimelineLines builder =
        new TimelineLines(
            execution.startDate(), execution.stateMachine().definition().block().states().keySet());
    execution.history().forEach(builder::accept);
    return builder.finish();
  }

  /** The longest run of repeated plain cycles that starts at {@code index}. */
  private static Fold foldAt(List<Line> lines, int index) {
    Fold best = new Fold(1, 1);
    for (int length = 1; length <= MAX_CYCLE && index + 2 * length <= lines.size(); length++) {
      int repeats = 1;
      while (index + (repeats + 1) * length <= lines.size()
          && sameCycle(lines, index, index + repeats * length, length)) {
        repeats++;
      }
      if (repeats > 1 && length * repeats > best.length() * best.repeats()) {
        best = new Fold(length, repeats);
      }
    }
    return best;
  }

  private static boolean sameCycle(List<Line> lines, int first, int other, int length) {
    for (int k = 0; k < length; k++) {
      Line a = lines.get(first + k);
      Line b = lines.get(other + k);
      if (!a.plain() || !b.plain() || !a.state().equals(b.state())) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ formatting

  static String count(int howMany, String thing) {
    return count(howMany, thing, thing + "s");
  }

  static String count(int howMany, String thing, String things) {
    return howMany + " " + (howMany == 1 ? thing : things);
  }

  /** A Lambda error cause is the runtime's JSON error document: its errorMessage says it. */
  public static String summarise(String cause) {
    String text = cause.strip();
    if (text.startsWith("{")) {
      try {
        JsonNode json = LocalJson.MAPPER.readTree(text);
        JsonNode message = json.get("errorMessage");
        if (message != null && message.isTextual()) {
          text = message.asText();
        }
      } catch (JsonProcessingException e) {
        // Not JSON after all: the cause is shown as it is.
        return text;
      }
    }
    return text;
  }

  /** {@code +HH:MM:SS} padded to a fixed width, with milliseconds only when there are some. */
  public static String offset(Instant start, Instant at) {
    return offset(Duration.between(start, at));
  }

  public static String offset(Duration elapsed) {
    long millis = Math.max(0, elapsed.toMillis());
    String text =
        String.format(
            "+%02d:%02d:%02d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60);
    return millis % 1000 == 0 ? text + "    " : text + String.format(".%03d", millis % 1000);
  }

  /** When the execution ended, or its latest event while it still runs. */
  static Instant endOf(Execution execution) {
    if (execution.stopDate().isPresent()) {
      return execution.stopDate().get();
    }
    List<HistoryEvent> history = execution.history();
    return history.isEmpty() ? execution.startDate() : history.get(history.size() - 1).timestamp();
  }

  private static String executionArnOf(PublishedMessage message) {
    try {
      JsonNode json = LocalJson.MAPPER.readTree(message.message());
      JsonNode arn = json == null ? null : json.get("executionArn");
      return arn != null && arn.isTextual() ? arn.asText() : null;
    } catch (JsonProcessingException e) {
      // A message that is not JSON names no execution.
      return null;
    }
  }

  private static String topicName(String topicArn) {
    int colon = topicArn.lastIndexOf(':');
    return colon < 0 ? topicArn : topicArn.substring(colon + 1);
  }

  /**
   * A JSON message laid out for reading: one member per line, and arrays of objects with one
   * compact object per line (an offboarding lists dozens of apps).
   */
  public static String messageBody(String message) {
    JsonNode json;
    try {
      json = LocalJson.MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      return message + "\n";
    }
    if (json == null || !json.isContainerNode()) {
      return message + "\n";
    }
    StringBuilder out = new StringBuilder();
    layout(json, "", out);
    out.append('\n');
    return out.toString();
  }

  private static void layout(JsonNode node, String indent, StringBuilder out) {
    String inner = indent + "  ";
    if (node.isObject() && !node.isEmpty()) {
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.append(inner)
            .append(compact(LocalJson.MAPPER.getNodeFactory().textNode(field.getKey())))
            .append(": ");
        layout(field.getValue(), inner, out);
        out.append(fields.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (node.isArray() && !node.isEmpty() && containsContainers(node)) {
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        out.append(inner).append(compact(node.get(i))).append(i + 1 < node.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      out.append(compact(node));
    }
  }

  private static boolean containsContainers(JsonNode array) {
    for (JsonNode item : array) {
      if (item.isContainerNode()) {
        return true;
      }
    }
    return false;
  }

  private static String compact(JsonNode node) {
    try {
      return LocalJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static String indent(String text, String prefix) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append(prefix).append(line).append('\n'));
    return out.toString();
  }
}
