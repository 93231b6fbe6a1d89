package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON path of an input transformer's InputPathsMap, in the subset EventBridge supports: dot
 * notation from {@code $} (names may hold dashes, underscores and slashes: {@code $.detail-type}),
 * array indices ({@code $.resources[0]}) and the wildcard {@code *}, which selects every child as
 * an array.
 */
public final class EventPath {

  /** One step of a path: a field name, an array index, or the wildcard. */
  private sealed interface Step {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private final String text;
  private final List<Step> steps;

  private EventPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses a path.
   *
   * @param where names the path in errors, e.g. {@code InputPathsMap.userName}
   * @throws EventPatternException when the path is not one EventBridge supports
   */
  public static EventPath parse(String path, String where) {
    if (path == null || !path.startsWith("$")) {
      throw new EventPatternException(
          where + ": '" + path + "' must be a JSON path starting " + "with $");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        String name = path.substring(i + 1, end);
        if (name.isEmpty()) {
          throw new EventPatternException(
              where + ": '" + path + "' has an empty name at " + "position " + (i + 1));
        }
        steps.add(name.equals("*") ? new Wildcard() : new Field(name));
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new EventPatternException(where + ": '" + path + "' has an unclosed [");
        }
        String inside = path.substring(i + 1, close);
        if (inside.equals("*")) {
          steps.add(new Wildcard());
        } else if (inside.matches("\\d+")) {
          steps.add(new Index(Integer.parseInt(inside)));
        } else {
          throw new EventPatternException(
              where
                  + ": '"
                  + path
                  + "' uses ["
                  + inside
                  + "]: "
                  + "EventBridge supports dot notation, array indices and * only");
        }
        i = close + 1;
      } else {
        throw new EventPatternException(
            where
                + ": '"
                + path
                + "' has '"
                + c
                + "' at position "
                + i
                + " where . or [ must follow");
      }
    }
    return new EventPath(path, steps);
  }

  /** The value at this path, or empty when the event has nothing there. */
  public Optional<JsonNode> select(JsonNode event) {
    JsonNode current = event;
    for (Step step : steps) {
      if (current == null) {
        return Optional.empty();
      }
      if (step instanceof Field field) {
        current = current.isObject() ? current.get(field.name()) : null;
      } else if (step instanceof Index index) {
        current = current.isArray() ? current.get(index.index()) : null;
      } else {
        if (!current.isContainerNode()) {
          return Optional.empty();
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        current.elements().forEachRemaining(all::add);
        current = all;
      }
    }
    return Optional.ofNullable(current);
  }

  /**
   * The field names from the root, when the path has only field steps ({@code $.detail.eventId}
   * gives {@code [detail, eventId]}); empty for paths with indices or wildcards.
   */
  public Optional<List<String>> fieldNames() {
    List<String> names = new ArrayList<>();
    for (Step step : steps) {
      if (!(step instanceof Field field)) {
        return Optional.empty();
      }
      names.add(field.name());
    }
    return Optional.of(names);
  }

  @Override
  public String toString() {
    return text;
  }
}
