package dev.studiolifecycle.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.template.DashboardChecks;
import dev.studiolifecycle.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric data each alarm of the template watches, checked for the form its services give the
 * dimension that names the resource: Lambda's {@code FunctionName} is the function's name (its
 * {@code Resource} the name with an alias or version), SQS's {@code QueueName} the queue's name,
 * Step Functions' {@code StateMachineArn} the state machine's ARN (Lambda developer guide, its
 * metrics pages: the dimensions FunctionName, Resource and ExecutedVersion; SQS developer guide,
 * "Available CloudWatch metrics for Amazon SQS": QueueName; Step Functions developer guide, its
 * metrics page: StateMachineArn). CloudWatch creates an alarm on any dimension value, so an alarm
 * given a queue's {@code Ref} (its URL) or a function's ARN deploys and never sees a data point.
 * Metrics of other namespaces, and values of the right form, are not judged: a resource made
 * elsewhere may be meant.
 */
final class AlarmMetrics {

  private AlarmMetrics() {}

  static List<DeliveryChecks.Check> of(SamTemplate template) {
    List<DeliveryChecks.Check> checks = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : template.resolvedResources().entrySet()) {
      JsonNode properties = entry.getValue().path("Properties");
      if (!entry.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
        continue;
      }
      List<JsonNode> metrics = new ArrayList<>();
      if (properties.has("MetricName")) {
        metrics.add(properties);
      }
      properties.path("Metrics").forEach(query -> metrics.add(query.at("/MetricStat/Metric")));
      for (JsonNode metric : metrics) {
        String namespace = metric.path("Namespace").asText();
        for (JsonNode dimension : metric.path("Dimensions")) {
          String name = dimension.path("Name").asText();
          String value = dimension.path("Value").asText();
          if (named(namespace, name)) {
            checks.add(
                new DeliveryChecks.Check(
                    label(metric, name, value, entry.getKey()),
                    problem(namespace, name, value, "the alarm never sees data")));
          }
        }
      }
    }
    checks.addAll(dashboards(template));
    return checks;
  }

  /**
   * The same for the metrics the dashboards graph: a metric widget's {@code metrics}, each
   * [namespace, metric name, dimension name, value, ...]; one that repeats the metric before it
   * ({@code "."}, {@code "..."}) adds nothing new to check.
   */
  private static List<DeliveryChecks.Check> dashboards(SamTemplate template) {
    List<DeliveryChecks.Check> checks = new ArrayList<>();
    template
        .dashboards()
        .forEach(
            (logicalId, body) -> {
              for (JsonNode widget : DashboardChecks.body(body).path("widgets")) {
                for (JsonNode metric : widget.at("/properties/metrics")) {
                  List<String> parts = new ArrayList<>();
                  metric.forEach(item -> parts.add(item.isTextual() ? item.asText() : null));
                  parts.removeIf(java.util.Objects::isNull);
                  if (parts.contains(".") || parts.contains("...")) {
                    continue;
                  }
                  for (int i = 2; i + 1 < parts.size(); i += 2) {
                    if (named(parts.get(0), parts.get(i))) {
                      checks.add(
                          new DeliveryChecks.Check(
                              "CloudWatch: "
                                  + parts.get(0)
                                  + " "
                                  + parts.get(1)
                                  + " ("
                                  + parts.get(i)
                                  + "="
                                  + parts.get(i + 1)
                                  + ") -> dashboard "
                                  + logicalId
                                  + ", widget '"
                                  + widget.at("/properties/title").asText()
                                  + "'",
                              problem(
                                  parts.get(0),
                                  parts.get(i),
                                  parts.get(i + 1),
                                  "the graph never shows data")));
                    }
                  }
                }
              }
            });
    return checks;
  }

  private static String label(JsonNode metric, String name, String value, String alarm) {
    return "CloudWatch: "
        + metric.path("Namespace").asText()
        + " "
        + metric.path("MetricName").asText()
        + " ("
        + name
        + "="
        + value
        + ") -> alarm "
        + alarm;
  }

  /** Whether {@code dimension} is the one that names the resource in {@code namespace}. */
  private static boolean named(String namespace, String dimension) {
    return switch (namespace) {
      case "AWS/Lambda" -> dimension.equals("FunctionName") || dimension.equals("Resource");
      case "AWS/SQS" -> dimension.equals("QueueName");
      case "AWS/States" -> dimension.equals("StateMachineArn");
      default -> false;
    };
  }

  /**
   * Why no data would come under this value of the resource's dimension, if it has the wrong form.
   */
  private static Optional<String> problem(
      String namespace, String dimension, String value, String consequence) {
    boolean arn = value.startsWith("arn:");
    return switch (dimension) {
      case "FunctionName" ->
          arn || value.contains(":")
              ? Optional.of(
                  "Lambda publishes FunctionName as the function's bare name, not '"
                      + value
                      + "' (a !GetAtt Arn or an alias's !Ref is an ARN): the alarm never sees data")
              : Optional.empty();
      case "Resource" ->
          arn
              ? Optional.of(
                  "Lambda publishes Resource as the function's name with its alias or version"
                      + " (name:alias), not the ARN '"
                      + value
                      + "': the alarm never sees data")
              : Optional.empty();
      case "QueueName" ->
          arn || value.startsWith("https://")
              ? Optional.of(
                  "SQS publishes QueueName as the queue's name, not '"
                      + value
                      + "' (a queue's !Ref is its URL; use !GetAtt <queue>.QueueName): "
                      + consequence)
              : Optional.empty();
      default ->
          arn && value.contains(":stateMachine:")
              ? Optional.empty()
              : Optional.of(
                  "Step Functions publishes StateMachineArn as the state machine's ARN, not '"
                      + value
                      + "': the alarm never sees data");
    };
  }
}
