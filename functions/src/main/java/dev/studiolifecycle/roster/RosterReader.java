package dev.studiolifecycle.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.validation.FieldRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a roster: CSV with a header line (RFC 4180: fields separated by commas, a field in double
 * quotes may hold commas, quotes doubled, and line breaks) or JSON lines (one object per line). The
 * columns: {@code userName} (a profile name), {@code email}, {@code status} ({@code ACTIVE} or
 * {@code INACTIVE}, any case) required; {@code team} and {@code ssoUserName} optional. Every row is
 * checked with the rules requests follow; a row that breaks one, or names a user of an earlier row
 * again, is reported with its line and skipped. Blank lines are skipped.
 */
public final class RosterReader {

  /** The formats a roster comes in. */
  public enum Format {
    CSV,
    JSON_LINES;

    /**
     * The format an object key or file name says: {@code .csv}, or {@code .jsonl}/{@code .json}.
     */
    public static Format of(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".csv")) {
        return CSV;
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
        return JSON_LINES;
      }
      throw new RosterFormatException(
          name + ": a roster is a .csv file (with a header) or a .jsonl file (JSON lines)");
    }
  }

  static final List<String> REQUIRED = List.of("userName", "email", "status");
  static final Set<String> COLUMNS = Set.of("userName", "email", "status", "team", "ssoUserName");

  private RosterReader() {}

  /**
   * The roster in {@code text}. A byte order mark at the start (spreadsheet programs write one
   * before a "CSV UTF-8" export) is not part of the first column's name.
   */
  public static Roster read(String text, Format format) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return format == Format.CSV ? csv(content) : jsonLines(content);
  }

  private static Roster csv(String text) {
    List<CsvRecord> records = CsvRecord.parse(text);
    if (records.isEmpty()) {
      throw new RosterFormatException("the CSV roster has no header line");
    }
    CsvRecord header = records.get(0);
    List<String> columns = header.fields().stream().map(String::trim).toList();
    if (columns.size() == 1 && columns.get(0).contains(";")) {
      throw new RosterFormatException(
          "line "
              + header.line()
              + ": the header is separated by semicolons; a roster's CSV is separated by commas"
              + " (export it as \"CSV (comma delimited)\")");
    }
    for (String column : columns) {
      if (!COLUMNS.contains(column)) {
        throw new RosterFormatException(
            "line "
                + header.line()
                + ": unknown column '"
                + column
                + "' (the roster has "
                + String.join(", ", List.of("userName", "email", "status", "team", "ssoUserName"))
                + ")");
      }
    }
    for (String required : REQUIRED) {
      if (!columns.contains(required)) {
        throw new RosterFormatException(
            "line " + header.line() + ": the header lacks the column " + required);
      }
    }
    Rows rows = new Rows();
    for (CsvRecord record : records.subList(1, records.size())) {
      if (record.blank()) {
        continue;
      }
      if (record.unterminated()) {
        rows.problem(record.line(), "a quoted field is not closed");
        continue;
      }
      if (record.fields().size() != columns.size()) {
        rows.problem(
            record.line(),
            "has " + record.fields().size() + " fields, the header " + columns.size());
        continue;
      }
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        String value = record.fields().get(i).trim();
        values.put(columns.get(i), value.isEmpty() ? null : value);
      }
      rows.add(record.line(), values);
    }
    return rows.roster();
  }

  private static Roster jsonLines(String text) {
    Rows rows = new Rows();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = ModelJson.readTree(lines[i]);
      } catch (JsonProcessingException e) {
        rows.problem(line, "not JSON: " + ModelJson.problemOf(e));
        continue;
      }
      if (!node.isObject()) {
        rows.problem(line, "not a JSON object");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      List<String> unknown = new ArrayList<>();
      List<String> notText = new ArrayList<>();
      node.fields()
          .forEachRemaining(
              field -> {
                if (!COLUMNS.contains(field.getKey())) {
                  unknown.add(field.getKey());
                } else if (field.getValue().isTextual()) {
                  values.put(field.getKey(), field.getValue().textValue().trim());
                } else if (!field.getValue().isNull()) {
                  notText.add(field.getKey());
                }
              });
      if (!unknown.isEmpty()) {
        rows.problem(line, "unknown field " + String.join(", ", unknown), values.get("userName"));
      } else if (!notText.isEmpty()) {
        rows.problem(
            line, String.join(", ", notText) + ": must be a string", values.get("userName"));
      } else {
        rows.add(line, values);
      }
    }
    return rows.roster();
  }

  /** The rows read so far: checked, the first of each user name kept. */
  private static final class Rows {
    private final List<RosterEntry> entries = new ArrayList<>();
    private final List<Roster.Problem> problems = new ArrayList<>();
    private final Map<String, Integer> lineOfUser = new HashMap<>();

    void problem(int line, String reason) {
      problems.add(new Roster.Problem(line, reason));
    }

    /** A row that parsed but broke a rule: its user name kept when it is a valid one. */
    void problem(int line, String reason, String userName) {
      boolean readable =
          userName != null && FieldRules.fullMatch(FieldRules.NAME, userName).isEmpty();
      problems.add(new Roster.Problem(line, reason, readable ? userName : null));
    }

    void add(int line, Map<String, String> values) {
      List<String> broken = new ArrayList<>();
      String userName = values.get("userName");
      String email = values.get("email");
      String status = values.get("status");
      check(broken, "userName", userName, true, v -> FieldRules.fullMatch(FieldRules.NAME, v));
      check(broken, "email", email, true, FieldRules::email);
      check(
          broken, "team", values.get("team"), false, v -> FieldRules.fullMatch(FieldRules.TEAM, v));
      check(broken, "ssoUserName", values.get("ssoUserName"), false, FieldRules::userName);
      RosterEntry.Status parsed = null;
      if (status == null) {
        broken.add("status: is required");
      } else {
        try {
          parsed = RosterEntry.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          broken.add("status: must be ACTIVE or INACTIVE");
        }
      }
      if (broken.isEmpty()) {
        Integer earlier = lineOfUser.putIfAbsent(userName.toLowerCase(Locale.ROOT), line);
        if (earlier != null) {
          broken.add("userName: " + userName + " is on line " + earlier + " already");
        }
      }
      if (!broken.isEmpty()) {
        problem(line, String.join("; ", broken), userName);
        return;
      }
      entries.add(
          new RosterEntry(
              line, userName, email, values.get("team"), parsed, values.get("ssoUserName")));
    }

    private static void check(
        List<String> broken,
        String field,
        String value,
        boolean required,
        java.util.function.Function<String, Optional<String>> rule) {
      if (value == null) {
        if (required) {
          broken.add(field + ": is required");
        }
        return;
      }
      rule.apply(value).ifPresent(why -> broken.add(field + ": " + why));
    }

    Roster roster() {
      return new Roster(entries, problems);
    }
  }
}
