package dev.studiolifecycle.local.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge target's input transformer, evaluated as EventBridge documents it:
 *
 * <ul>
 *   <li>each InputPathsMap variable takes the value at its JSON path; a path the event lacks
 *       creates no variable, and its placeholder is left out of the output (so {@code "<x>"}
 *       becomes {@code ""} and a bare {@code <x>} becomes nothing);
 *   <li>in a JSON template, a placeholder inside a JSON string gets the value's raw text (an object
 *       or array loses its inner quotes); outside a string, a string value is written in quotes and
 *       any other value as JSON;
 *   <li>values are not escaped: a quote inside a value breaks the JSON;
 *   <li>the predefined variables {@code aws.events.rule-arn}, {@code aws.events.rule-name}, {@code
 *       aws.events.event.ingestion-time}, {@code aws.events.event} (the event without detail) and
 *       {@code aws.events.event.json} (the whole event) need no path.
 * </ul>
 */
public final class InputTransformer {

  /** The reserved variables EventBridge fills in itself. */
  public static final Set<String> PREDEFINED =
      Set.of(
          "aws.events.rule-arn",
          "aws.events.rule-name",
          "aws.events.event.ingestion-time",
          "aws.events.event",
          "aws.events.event.json");

  private static final int MAX_VARIABLES = 100;
  private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>\\s]+)>");

  private final Map<String, EventPath> paths;
  private final String template;

  private InputTransformer(Map<String, EventPath> paths, String template) {
    this.paths = Collections.unmodifiableMap(paths);
    this.template = template;
  }

  /**
   * Reads a transformer.
   *
   * @param where names it in errors, e.g. {@code Resources.X.Properties.Targets[0]}
   * @throws EventPatternException naming the variable or placeholder at fault
   */
  public static InputTransformer of(
      Map<String, String> inputPathsMap, String inputTemplate, String where) {
    if (inputTemplate == null || inputTemplate.isEmpty()) {
      throw new EventPatternException(where + ".InputTemplate: is required");
    }
    if (inputPathsMap.size() > MAX_VARIABLES) {
      throw new EventPatternException(
          where + ".InputPathsMap: at most " + MAX_VARIABLES + " variables");
    }
    Map<String, EventPath> paths = new LinkedHashMap<>();
    inputPathsMap.forEach(
        (name, path) -> {
          String at = where + ".InputPathsMap." + name;
          if (PREDEFINED.contains(name) || name.startsWith("AWS.") || name.startsWith("aws.")) {
            throw new EventPatternException(at + ": the name is reserved by EventBridge");
          }
          paths.put(name, EventPath.parse(path, at));
        });
    Matcher placeholders = PLACEHOLDER.matcher(inputTemplate);
    Set<String> unknown = new TreeSet<>();
    while (placeholders.find()) {
      String name = placeholders.group(1);
      if (!paths.containsKey(name) && !PREDEFINED.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new EventPatternException(
          where
              + ".InputTemplate: uses <"
              + String.join(">, <", unknown)
              + ">, which InputPathsMap does not define");
    }
    return new InputTransformer(paths, inputTemplate);
  }

  /** The variables and their paths. */
  public Map<String, EventPath> paths() {
    return paths;
  }

  public String template() {
    return template;
  }

  /** The variables whose placeholders appear in the template. */
  public Set<String> usedVariables() {
    Set<String> used = new TreeSet<>();
    Matcher placeholders = PLACEHOLDER.matcher(template);
    while (placeholders.find()) {
      used.add(placeholders.group(1));
    }
    return used;
  }

  /**
   * Transforms one event for a target of a rule.
   *
   * @param ingestionTime when EventBridge received the event
   */
  public TransformedInput apply(
      JsonNode event, String ruleArn, String ruleName, Instant ingestionTime) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    paths.forEach(
        (name, path) -> {
          Optional<JsonNode> value = path.select(event);
          if (value.isPresent()) {
            values.put(name, value.get());
          }
        });
    JsonNodeFactory json = JsonNodeFactory.instance;
    values.put("aws.events.rule-arn", json.textNode(ruleArn));
    values.put("aws.events.rule-name", json.textNode(ruleName));
    values.put("aws.events.event.ingestion-time", json.textNode(ingestionTime.toString()));
    ObjectNode withoutDetail =
        event.isObject() ? ((ObjectNode) event).deepCopy() : json.objectNode();
    withoutDetail.remove("detail");
    values.put("aws.events.event", withoutDetail);
    values.put("aws.events.event.json", event);

    boolean jsonTemplate = template.strip().startsWith("{") || template.strip().startsWith("[");
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      Matcher placeholder = PLACEHOLDER.matcher(template).region(i, template.length());
      if (c == '<' && placeholder.lookingAt()) {
        String name = placeholder.group(1);
        JsonNode value = values.get(name);
        if (value == null) {
          missing.add(name);
        } else {
          out.append(render(value, jsonTemplate && !inString));
        }
        i = placeholder.end();
        continue;
      }
      if (jsonTemplate && c == '"' && !escaped(template, i)) {
        inString = !inString;
      }
      out.append(c);
      i++;
    }
    return new TransformedInput(out.toString(), List.copyOf(missing));
  }

  private static String render(JsonNode value, boolean asJsonValue) {
    if (value.isTextual()) {
      return asJsonValue ? "\"" + value.asText() + "\"" : value.asText();
    }
    if (value.isContainerNode()) {
      // Referenced inside a string, an object or array loses its inner quotes to keep the
      // string a string.
      return asJsonValue ? value.toString() : value.toString().replace("\"", "");
    }
    return value.toString();
  }

  private static boolean escaped(String text, int index) {
    int backslashes = 0;
    for (int j = index - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
