package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field paths that every event an EventBridge pattern matches must have ({@code [detail,
 * employee, userName]}): a field is required unless one of its values is {@code {"exists": false}};
 * what {@code $or} requires counts when every alternative requires it. Tests use it to prove that
 * an input transformer reads only fields its rule's pattern guarantees.
 */
public final class PatternPaths {

  private PatternPaths() {}

  public static Set<List<String>> required(JsonNode pattern) {
    return required(pattern, List.of());
  }

  /** Whether every event {@code pattern} matches has a value at {@code path}. */
  public static boolean guarantees(JsonNode pattern, List<String> path) {
    for (List<String> required : required(pattern)) {
      if (required.size() >= path.size() && required.subList(0, path.size()).equals(path)) {
        return true;
      }
    }
    return false;
  }

  private static Set<List<String>> required(JsonNode object, List<String> at) {
    Set<List<String>> required = new HashSet<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (field.getKey().equals("$or")) {
        Set<List<String>> common = null;
        for (JsonNode alternative : field.getValue()) {
          Set<List<String>> paths = required(alternative, at);
          if (common == null) {
            common = new HashSet<>(paths);
          } else {
            common.retainAll(paths);
          }
        }
        required.addAll(common);
        continue;
      }
      List<String> path = new ArrayList<>(at);
      path.add(field.getKey());
      if (field.getValue().isObject()) {
        required.addAll(required(field.getValue(), List.copyOf(path)));
      } else if (!allowsAbsence(field.getValue())) {
        required.add(List.copyOf(path));
      }
    }
    return required;
  }

  private static boolean allowsAbsence(JsonNode values) {
    for (JsonNode value : values) {
      if (value.isObject()
          && value.has("exists")
          && value.get("exists").isBoolean()
          && !value.get("exists").asBoolean()) {
        return true;
      }
    }
    return false;
  }
}
