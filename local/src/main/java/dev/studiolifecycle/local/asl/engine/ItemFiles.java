package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of an object an ItemReader reads (developer guide, "ItemReader (Map)"): a JSON file
 * holds an array of items; a JSONL file a JSON value per line; a CSV file a row per item, each an
 * object of the header's names to the row's strings (RFC 4180 quoting). A file that does not parse
 * fails the state with States.ItemReaderFailed, naming where.
 */
final class ItemFiles {

  static final String ITEM_READER_FAILED = "States.ItemReaderFailed";

  private ItemFiles() {}

  /**
   * @param csvHeaders the given headers, or null when the first row names them
   * @param maxItems at most this many items; negative for all
   */
  static List<JsonNode> items(
      byte[] bytes, String inputType, List<String> csvHeaders, long maxItems) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<JsonNode> items =
        switch (inputType) {
          case "JSON" -> json(text);
          case "JSONL" -> jsonLines(text);
          case "CSV" -> csv(text, csvHeaders);
          default -> throw failed("the local interpreter does not read " + inputType + " files");
        };
    if (maxItems >= 0 && items.size() > maxItems) {
      return List.copyOf(items.subList(0, (int) maxItems));
    }
    return items;
  }

  private static List<JsonNode> json(String text) {
    JsonNode tree;
    try {
      tree = LocalJson.STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      throw failed("the JSON file does not parse: " + LocalJson.problem(e));
    }
    if (tree == null || !tree.isArray()) {
      throw failed("a JSON file must hold an array of items");
    }
    List<JsonNode> items = new ArrayList<>();
    tree.forEach(items::add);
    return items;
  }

  private static List<JsonNode> jsonLines(String text) {
    List<JsonNode> items = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        items.add(LocalJson.STRICT.readTree(lines[i]));
      } catch (JsonProcessingException e) {
        throw failed(
            "line " + (i + 1) + " of the JSONL file does not parse: " + LocalJson.problem(e));
      }
    }
    return items;
  }

  private static List<JsonNode> csv(String text, List<String> givenHeaders) {
    List<List<String>> rows = rows(text);
    List<String> headers = givenHeaders;
    int first = 0;
    if (headers == null) {
      if (rows.isEmpty()) {
        throw failed("the CSV file has no header row");
      }
      headers = rows.get(0);
      first = 1;
    }
    List<JsonNode> items = new ArrayList<>();
    for (int i = first; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != headers.size()) {
        throw failed(
            "row "
                + (i + 1)
                + " of the CSV file has "
                + row.size()
                + " fields where the header has "
                + headers.size());
      }
      ObjectNode item = JsonNodeFactory.instance.objectNode();
      for (int column = 0; column < headers.size(); column++) {
        item.put(headers.get(column), row.get(column));
      }
      items.add(item);
    }
    return items;
  }

  /** RFC 4180 rows; blank lines are skipped. */
  private static List<List<String>> rows(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(field.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw failed("the CSV file ends inside a quoted field");
    }
    if (any || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  static StatesError failed(String cause) {
    return new StatesError(ITEM_READER_FAILED, cause);
  }
}
