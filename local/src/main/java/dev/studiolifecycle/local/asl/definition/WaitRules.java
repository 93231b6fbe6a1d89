package dev.studiolifecycle.local.asl.definition;

import static dev.studiolifecycle.local.asl.definition.DefinitionFields.at;
import static dev.studiolifecycle.local.asl.definition.DefinitionFields.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of a Wait state: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath. */
record WaitRules() implements StateRules {

  @Override
  public Set<String> fields() {
    return StateRules.union(
        COMMON, IO, FLOW, ASSIGN, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"));
  }

  @Override
  public WaitState read(String name, JsonNode node, DefinitionFields fields, Links links) {
    List<String> present = new ArrayList<>();
    for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      if (node.has(field)) {
        present.add(field);
      }
    }
    WaitTime waitTime = null;
    if (present.size() != 1) {
      fields.problem(
          at(name, present.isEmpty() ? "Seconds" : String.join("/", present))
              + ": a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath"
              + (present.isEmpty() ? "" : ", got " + present.size()));
    } else {
      waitTime = waitTime(name, node, present.get(0), fields);
    }
    return new WaitState(
        name,
        fields.inputPath(name, node),
        fields.outputPath(name, node),
        fields.assign(name, node, "Assign"),
        fields.jsonataFields(name, node),
        waitTime,
        fields.transition(name, node, links));
  }

  /** The one wait field the state has, read; null after recording a problem. */
  private static WaitTime waitTime(
      String name, JsonNode node, String field, DefinitionFields fields) {
    JsonNode value = node.get(field);
    JsonNode expression =
        fields.jsonata(node) ? fields.jsonataExpression(name, value, field) : null;
    if (expression != null) {
      return new WaitTime.FromJsonata(field, expression);
    }
    switch (field) {
      case "Seconds" -> {
        long seconds =
            fields.optionalLong(node, field, name, field, 0, DefinitionFields.MAX_SECONDS);
        return seconds >= 0 ? new WaitTime.Seconds(seconds) : null;
      }
      case "Timestamp" -> {
        if (!value.isTextual()) {
          fields.problem(
              at(name, field) + ": must be an RFC 3339 timestamp string, got " + kind(value));
          return null;
        }
        try {
          return new WaitTime.Timestamp(parseTimestamp(value.asText()));
        } catch (DateTimeParseException e) {
          fields.problem(
              at(name, field)
                  + ": '"
                  + value.asText()
                  + "' is not an RFC 3339 "
                  + "timestamp such as 2026-03-14T01:59:00Z");
          return null;
        }
      }
      case "SecondsPath" -> {
        String path = fields.definitePath(name, node, field);
        return path == null ? null : new WaitTime.SecondsPath(path);
      }
      default -> {
        String path = fields.definitePath(name, node, field);
        return path == null ? null : new WaitTime.TimestampPath(path);
      }
    }
  }

  /** RFC 3339 with an upper-case T and Z or an offset, as Step Functions requires. */
  static Instant parseTimestamp(String text) {
    if (text.indexOf('T') < 0 || text.indexOf('t') >= 0 || text.endsWith("z")) {
      throw new DateTimeParseException("not RFC 3339", text, 0);
    }
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }
}
