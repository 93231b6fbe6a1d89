package dev.studiolifecycle.local.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.emulator.SeedException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Where in a scenario file a value sits ({@code sagemaker.domains[0].apps[1].status}), and the
 * readers of plain values that report a mistake there.
 */
record ScenarioPath(String path) {

  ScenarioPath field(String name) {
    return new ScenarioPath(path.isEmpty() ? name : path + "." + name);
  }

  ScenarioPath index(String list, int index) {
    return new ScenarioPath(field(list).path() + "[" + index + "]");
  }

  /** Runs {@code action} on each item of the named list (none when absent), at its index. */
  <T> void each(String list, List<T> items, BiConsumer<T, ScenarioPath> action) {
    List<T> present = list(items);
    for (int i = 0; i < present.size(); i++) {
      action.accept(present.get(i), index(list, i));
    }
  }

  ScenarioException error(String message) {
    return new ScenarioException("scenario: " + path + ": " + message);
  }

  void run(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (SeedException e) {
      ScenarioPath at = e.field() == null ? this : field(e.field());
      throw new ScenarioException("scenario: " + at.path + ": " + e.reason(), e);
    } catch (IllegalArgumentException e) {
      throw new ScenarioException("scenario: " + path + ": " + e.getMessage(), e);
    }
  }

  static Duration duration(String text, Duration absent, ScenarioPath at) {
    return text == null ? absent : duration(text, at);
  }

  static Duration duration(String text, ScenarioPath at) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative()) {
        throw at.error("'" + text + "' is negative");
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw at.error("'" + text + "' is not an ISO-8601 duration such as PT30S or PT2M");
    }
  }

  static String document(JsonNode node) {
    if (node == null) {
      return null;
    }
    return node.isTextual() ? node.textValue() : node.toString();
  }

  static void required(Object value, ScenarioPath at) {
    if (value == null) {
      throw at.error("is required");
    }
  }

  static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }

  static <K, V> Map<K, V> map(Map<K, V> items) {
    return items == null ? Map.of() : items;
  }
}
