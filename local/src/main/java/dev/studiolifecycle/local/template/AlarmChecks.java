package dev.studiolifecycle.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What CloudWatch's PutMetricAlarm refuses of an AWS::CloudWatch::Alarm when CloudFormation creates
 * it (CloudWatch API reference, PutMetricAlarm and MetricDataQuery): the required members, the
 * enumerations, the periods an alarm may have and how long it may look back, and the limits of a
 * metric math alarm. CloudWatch's own words for each refusal are not in the reference; the message
 * names the property and the rule.
 */
final class AlarmChecks {

  private AlarmChecks() {}

  private static final Set<String> COMPARISON_OPERATORS =
      Set.of(
          "GreaterThanOrEqualToThreshold",
          "GreaterThanThreshold",
          "LessThanThreshold",
          "LessThanOrEqualToThreshold",
          "LessThanLowerOrGreaterThanUpperThreshold",
          "LessThanLowerThreshold",
          "GreaterThanUpperThreshold");

  private static final Set<String> STATISTICS =
      Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

  private static final Set<String> MISSING_DATA =
      Set.of("breaching", "notBreaching", "ignore", "missing");

  /** MetricDataQuery, Id: "The first character must be a lower-case letter". */
  private static final Pattern QUERY_ID = Pattern.compile("[a-z][A-Za-z0-9_]{0,254}");

  /** PutMetricAlarm, Metrics: as many as 10 MetricStat and 10 Expression structures. */
  static final int MAX_METRIC_STATS = 10;

  static final int MAX_EXPRESSIONS = 10;

  /** PutMetricAlarm, Metrics: "you cannot include" these beside it. */
  private static final List<String> SINGLE_METRIC_MEMBERS =
      List.of(
          "Namespace",
          "MetricName",
          "Dimensions",
          "Period",
          "Unit",
          "Statistic",
          "ExtendedStatistic");

  /** PutMetricAlarm, AlarmActions, OKActions, InsufficientDataActions: at most 5 each. */
  static final int MAX_ACTIONS = 5;

  /** PutMetricAlarm, Period: Period times EvaluationPeriods at most seven days. */
  private static final long MAX_LOOKBACK_SECONDS = 604_800;

  /** ... and at most one day for a period under an hour. */
  private static final long MAX_SHORT_PERIOD_LOOKBACK_SECONDS = 86_400;

  /** Refuses, naming the property, what PutMetricAlarm refuses of the alarm {@code logicalId}. */
  static void check(String logicalId, JsonNode properties) {
    String where = "Resources." + logicalId + ".Properties";
    String operator = properties.path("ComparisonOperator").asText(null);
    if (operator == null || !COMPARISON_OPERATORS.contains(operator)) {
      throw new TemplateException(
          where
              + ".ComparisonOperator: must be one of "
              + AllowedValues.sorted(COMPARISON_OPERATORS));
    }
    long evaluationPeriods = positive(properties, "EvaluationPeriods", where);
    if (properties.has("DatapointsToAlarm")
        && positive(properties, "DatapointsToAlarm", where) > evaluationPeriods) {
      throw new TemplateException(
          where + ".DatapointsToAlarm: the M of an M out of N alarm is at most EvaluationPeriods");
    }
    if (properties.has("TreatMissingData")
        && !MISSING_DATA.contains(properties.path("TreatMissingData").asText())) {
      throw new TemplateException(
          where + ".TreatMissingData: must be one of " + AllowedValues.sorted(MISSING_DATA));
    }
    if (!properties.has("Threshold") && !properties.has("ThresholdMetricId")) {
      throw new TemplateException(
          where + ": Threshold is required (ThresholdMetricId for an anomaly detection band)");
    }
    for (String actions : List.of("AlarmActions", "OKActions", "InsufficientDataActions")) {
      if (properties.path(actions).size() > MAX_ACTIONS) {
        throw new TemplateException(
            where + "." + actions + ": at most " + MAX_ACTIONS + " actions (PutMetricAlarm)");
      }
    }
    long period;
    if (properties.has("Metrics")) {
      period = metricMath(properties, where);
    } else {
      period = singleMetric(properties, where);
    }
    long lookback = period * evaluationPeriods;
    if (period > 0 && lookback > MAX_LOOKBACK_SECONDS
        || period < 3_600 && lookback > MAX_SHORT_PERIOD_LOOKBACK_SECONDS) {
      throw new TemplateException(
          where
              + ".EvaluationPeriods: the period times EvaluationPeriods is "
              + lookback
              + " s; PutMetricAlarm takes at most 604,800 s, and 86,400 s for a period under an"
              + " hour");
    }
  }

  private static long singleMetric(JsonNode properties, String where) {
    for (String required : List.of("Namespace", "MetricName")) {
      if (!properties.hasNonNull(required)) {
        throw new TemplateException(
            where + ": " + required + " is required unless the alarm has Metrics (PutMetricAlarm)");
      }
    }
    boolean statistic = properties.has("Statistic");
    if (statistic == properties.has("ExtendedStatistic")) {
      throw new TemplateException(
          where + ": one of Statistic and ExtendedStatistic, not both (PutMetricAlarm)");
    }
    if (statistic && !STATISTICS.contains(properties.path("Statistic").asText())) {
      throw new TemplateException(
          where + ".Statistic: must be one of " + AllowedValues.sorted(STATISTICS));
    }
    return period(properties, where);
  }

  /**
   * PutMetricAlarm, Metrics: none of the single metric's members beside it; MetricDataQuery: up to
   * 10 MetricStat and 10 Expression structures, ids unique and starting with a lower-case letter,
   * exactly one returning data.
   */
  private static long metricMath(JsonNode properties, String where) {
    for (String member : SINGLE_METRIC_MEMBERS) {
      if (properties.has(member)) {
        throw new TemplateException(
            where + "." + member + ": an alarm with Metrics cannot also have " + member);
      }
    }
    JsonNode queries = properties.path("Metrics");
    int stats = 0;
    int expressions = 0;
    int returning = 0;
    long period = 0;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < queries.size(); i++) {
      JsonNode query = queries.get(i);
      String at = where + ".Metrics[" + i + "]";
      String id = query.path("Id").asText("");
      if (!QUERY_ID.matcher(id).matches() || !ids.add(id)) {
        throw new TemplateException(
            at
                + ".Id: '"
                + id
                + "' must be unique and start with a lower-case letter, then letters, digits or _");
      }
      if (query.has("MetricStat") == query.has("Expression")) {
        throw new TemplateException(at + ": one of MetricStat and Expression, not both");
      }
      if (query.has("MetricStat")) {
        stats++;
        period = Math.max(period, period(query.get("MetricStat"), at + ".MetricStat"));
      } else {
        expressions++;
      }
      if (query.path("ReturnData").asBoolean(true)) {
        returning++;
      }
    }
    if (stats > MAX_METRIC_STATS || expressions > MAX_EXPRESSIONS) {
      throw new TemplateException(
          where
              + ".Metrics: "
              + stats
              + " MetricStat and "
              + expressions
              + " Expression queries; PutMetricAlarm takes as many as "
              + MAX_METRIC_STATS
              + " of each");
    }
    if (returning != 1) {
      throw new TemplateException(
          where
              + ".Metrics: "
              + returning
              + " queries return data; exactly one must (ReturnData: true on the one the alarm"
              + " watches, false on the others)");
    }
    // An alarm on expressions alone (a Metrics Insights query) takes its period from them; the
    // look-back limit is then not judged here.
    return period;
  }

  /** PutMetricAlarm, Period: "Valid values are 10, 20, 30, and any multiple of 60". */
  private static long period(JsonNode node, String where) {
    long period = positive(node, "Period", where);
    if (period != 10 && period != 20 && period != 30 && period % 60 != 0) {
      throw new TemplateException(
          where + ".Period: " + period + " s; an alarm's period is 10, 20, 30 or a multiple of 60");
    }
    return period;
  }

  private static long positive(JsonNode node, String member, String where) {
    JsonNode value = node.get(member);
    if (value == null) {
      throw new TemplateException(where + "." + member + ": is required");
    }
    long number;
    try {
      number = Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      throw new TemplateException(where + "." + member + ": must be a whole number, got " + value);
    }
    if (number < 1) {
      throw new TemplateException(where + "." + member + ": must be at least 1, got " + number);
    }
    return number;
  }
}
