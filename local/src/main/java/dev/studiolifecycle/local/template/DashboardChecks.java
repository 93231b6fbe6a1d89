package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What CloudWatch's PutDashboard refuses of an AWS::CloudWatch::Dashboard when CloudFormation
 * creates it: a DashboardName of letters, digits, {@code -} and {@code _} (PutDashboard), and a
 * DashboardBody that is "a string in JSON format" with "a widgets array" of at most 500 widgets,
 * each of a known type, placed on the 24-column grid, a metric widget's metrics each written as the
 * guide writes them (CloudWatch API reference, "Dashboard Body Structure and Syntax"). The message
 * names the property; CloudWatch's words are its own.
 */
public final class DashboardChecks {

  private DashboardChecks() {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private static final Set<String> WIDGET_TYPES =
      Set.of("metric", "text", "log", "alarm", "explorer", "custom");

  static final int MAX_WIDGETS = 500;

  /** The body as JSON, or null when it is not JSON (which {@link #check} refuses). */
  public static JsonNode body(String text) {
    try {
      return LocalJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static void check(String name, String bodyText, String where) {
    if (!NAME.matcher(name).matches()) {
      throw new TemplateException(
          where
              + ".DashboardName: '"
              + name
              + "' is not 1 to 255 letters, digits, - and _ (PutDashboard)");
    }
    JsonNode body = body(bodyText);
    if (body == null || !body.isObject()) {
      throw new TemplateException(
          where + ".DashboardBody: is not a JSON object (after Fn::Sub, if any)");
    }
    JsonNode widgets = body.get("widgets");
    if (widgets == null || !widgets.isArray() || widgets.size() > MAX_WIDGETS) {
      throw new TemplateException(
          where + ".DashboardBody: needs a widgets array of at most " + MAX_WIDGETS + " widgets");
    }
    for (int i = 0; i < widgets.size(); i++) {
      checkWidget(widgets.get(i), where + ".DashboardBody.widgets[" + i + "]");
    }
  }

  private static void checkWidget(JsonNode widget, String at) {
    String type = widget.path("type").asText();
    if (!WIDGET_TYPES.contains(type)) {
      throw new TemplateException(
          at
              + ".type: must be one of "
              + AllowedValues.sorted(WIDGET_TYPES)
              + ", got '"
              + type
              + "'");
    }
    int width = place(widget, "width", 1, 24, at);
    int x = place(widget, "x", 0, 23, at);
    place(widget, "height", 1, 1000, at);
    place(widget, "y", 0, Integer.MAX_VALUE, at);
    if (widget.has("x") && x + Math.max(width, 1) > 24) {
      throw new TemplateException(
          at + ": x + width is " + (x + width) + "; the grid has 24 columns");
    }
    if (type.equals("metric")) {
      JsonNode metrics = widget.at("/properties/metrics");
      for (int m = 0; m < metrics.size(); m++) {
        checkMetric(metrics.get(m), at + ".properties.metrics[" + m + "]");
      }
    }
  }

  /**
   * "Metric Widget: Format for Each Metric in the Array": [Namespace, MetricName, then dimension
   * name and value pairs], or {@code "."} and {@code "..."} repeating the metric before, then at
   * most one options object, last; or an object alone (an expression).
   */
  private static void checkMetric(JsonNode metric, String at) {
    if (!metric.isArray()) {
      throw new TemplateException(at + ": a metric is an array");
    }
    int strings = 0;
    boolean repeats = false;
    for (int i = 0; i < metric.size(); i++) {
      JsonNode item = metric.get(i);
      if (item.isObject()) {
        if (i != metric.size() - 1) {
          throw new TemplateException(at + ": the options object comes last");
        }
      } else if (item.isTextual()) {
        repeats |= item.asText().equals(".") || item.asText().equals("...");
        strings++;
      } else {
        throw new TemplateException(at + "[" + i + "]: is neither a string nor the options");
      }
    }
    if (strings > 0 && !repeats && (strings < 2 || strings % 2 != 0)) {
      throw new TemplateException(
          at
              + ": is not [namespace, metric name, dimension name, dimension value, ...]: it has "
              + strings
              + " strings");
    }
  }

  private static int place(JsonNode widget, String member, int min, int max, String at) {
    JsonNode value = widget.get(member);
    if (value == null) {
      return 0;
    }
    if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
      throw new TemplateException(
          at + "." + member + ": " + value + " is not a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }
}
