package dev.studiolifecycle.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.InvalidHrMessage;
import dev.studiolifecycle.model.Action;
import dev.studiolifecycle.model.HrEvent;
import dev.studiolifecycle.model.ModelJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HR message ({@code {"eventId", "eventType", "occurredAt", "employee": {"userName",
 * "email", "ssoUserName", "team"}, "studio": {"domainId"}}}). Problems are reported by field name
 * only: the message holds personal data, so no value is ever repeated.
 */
public final class HrMessageParser {

  public static final String HIRED = "Employee Hired";
  public static final String TERMINATED = "Employee Terminated";
  public static final String REHIRED = "Employee Rehired";
  public static final String TRANSFERRED = "Employee Transferred";

  private HrMessageParser() {}

  /**
   * Parses one message body.
   *
   * @param where names the message in errors, e.g. {@code SNS record 0}
   * @throws InvalidHrMessage naming every field that is missing or malformed
   */
  public static HrEvent parse(String body, String where) {
    JsonNode message;
    try {
      message = body == null ? null : ModelJson.readRequest(body);
    } catch (JsonProcessingException e) {
      throw new InvalidHrMessage(where + ": message: " + ModelJson.problemOf(e));
    }
    if (message == null || !message.isObject()) {
      throw new InvalidHrMessage(where + ": message: must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    String eventId = text(message, "eventId", true, problems);
    String eventType = text(message, "eventType", true, problems);
    String occurredAt = text(message, "occurredAt", false, problems);
    JsonNode employee = object(message, "employee", true, problems);
    JsonNode studio = object(message, "studio", false, problems);
    String userName = employee == null ? null : text(employee, "employee.userName", true, problems);
    String email = employee == null ? null : text(employee, "employee.email", false, problems);
    String ssoUserName =
        employee == null ? null : text(employee, "employee.ssoUserName", false, problems);
    String domainId = studio == null ? null : text(studio, "studio.domainId", false, problems);
    String team = employee == null ? null : text(employee, "employee.team", false, problems);

    Action action = action(eventType, problems);
    if (action == Action.UPDATE && employee != null && team == null && !has(employee, "team")) {
      // A move to another team: the team's settings, converged.
      problems.add("employee.team: is required for " + TRANSFERRED);
    }
    if (team != null && !FieldRules.TEAM.matcher(team).matches()) {
      problems.add("employee.team: must fully match " + FieldRules.TEAM.pattern());
    }
    if (eventId != null) {
      FieldRules.length(eventId, 1, 128)
          .or(() -> FieldRules.fullMatch(FieldRules.TAG_CHARACTERS, eventId))
          .ifPresent(rule -> problems.add("eventId: " + rule));
    }
    if (occurredAt != null) {
      FieldRules.timestamp(occurredAt).ifPresent(rule -> problems.add("occurredAt: " + rule));
    }
    if (!problems.isEmpty()) {
      throw new InvalidHrMessage(where + ": " + String.join("; ", problems));
    }
    return new HrEvent(eventId, action, occurredAt, userName, email, ssoUserName, domainId, team);
  }

  /** The action an event type asks for; null (a problem added) for any other type. */
  private static Action action(String eventType, List<String> problems) {
    if (eventType == null) {
      return null;
    }
    return switch (eventType) {
      case HIRED -> Action.ONBOARD;
      case TERMINATED -> Action.OFFBOARD;
      // During an offboarding's retention: give the access back (after it, hire again).
      case REHIRED -> Action.RESTORE;
      case TRANSFERRED -> Action.UPDATE;
      default -> {
        problems.add(
            "eventType: must be "
                + String.join(", ", HIRED, TERMINATED, REHIRED)
                + " or "
                + TRANSFERRED);
        yield null;
      }
    };
  }

  private static boolean has(JsonNode parent, String field) {
    return parent.get(field) != null && !parent.get(field).isNull();
  }

  private static String text(
      JsonNode parent, String path, boolean required, List<String> problems) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.add(path + ": is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(path + ": must be a non-empty string");
      return null;
    }
    return value.asText();
  }

  private static JsonNode object(
      JsonNode parent, String field, boolean required, List<String> problems) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.add(field + ": is required");
      }
      return null;
    }
    if (!value.isObject()) {
      problems.add(field + ": must be an object");
      return null;
    }
    return value;
  }
}
