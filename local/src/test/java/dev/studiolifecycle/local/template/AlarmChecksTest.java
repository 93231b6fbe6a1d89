package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What PutMetricAlarm refuses of an alarm (CloudWatch API reference, PutMetricAlarm). */
class AlarmChecksTest {

  private static ObjectNode alarm() {
    ObjectNode alarm = LocalJson.MAPPER.createObjectNode();
    alarm.put("Namespace", "AWS/States");
    alarm.put("MetricName", "ExecutionsFailed");
    alarm.put("Statistic", "Sum");
    alarm.put("Period", 300);
    alarm.put("EvaluationPeriods", 1);
    alarm.put("Threshold", 1);
    alarm.put("ComparisonOperator", "GreaterThanOrEqualToThreshold");
    return alarm;
  }

  private static ObjectNode metricMath() {
    ObjectNode alarm = alarm();
    alarm.remove(java.util.List.of("Namespace", "MetricName", "Statistic", "Period"));
    alarm
        .putArray("Metrics")
        .add(query("a", false).set("MetricStat", stat(300)))
        .add(query("total", true).put("Expression", "SUM(METRICS())"));
    return alarm;
  }

  private static ObjectNode query(String id, boolean returnData) {
    return LocalJson.MAPPER.createObjectNode().put("Id", id).put("ReturnData", returnData);
  }

  private static JsonNode stat(int period) {
    ObjectNode stat = LocalJson.MAPPER.createObjectNode().put("Period", period).put("Stat", "Sum");
    stat.putObject("Metric").put("Namespace", "AWS/Lambda").put("MetricName", "Errors");
    return stat;
  }

  private static Arguments refused(
      String what, ObjectNode alarm, Consumer<ObjectNode> edit, String message) {
    edit.accept(alarm);
    return Arguments.of(what, alarm, message);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refused(
            "no comparison operator",
            alarm(),
            a -> a.remove("ComparisonOperator"),
            ".ComparisonOperator: must be one of"),
        refused(
            "no evaluation periods",
            alarm(),
            a -> a.remove("EvaluationPeriods"),
            ".EvaluationPeriods: is required"),
        refused(
            "more datapoints than periods",
            alarm(),
            a -> a.put("DatapointsToAlarm", 2),
            ".DatapointsToAlarm: the M of an M out of N alarm is at most EvaluationPeriods"),
        refused(
            "a missing-data treatment CloudWatch does not know",
            alarm(),
            a -> a.put("TreatMissingData", "NotBreaching"),
            ".TreatMissingData: must be one of breaching, ignore, missing, notBreaching"),
        refused("no threshold", alarm(), a -> a.remove("Threshold"), ": Threshold is required"),
        refused(
            "six alarm actions",
            alarm(),
            a -> {
              for (int i = 0; i < 6; i++) {
                a.withArray("AlarmActions").add("arn:aws:sns:us-east-1:123456789012:t" + i);
              }
            },
            ".AlarmActions: at most 5 actions"),
        refused(
            "both Statistic and ExtendedStatistic",
            alarm(),
            a -> a.put("ExtendedStatistic", "p99"),
            ": one of Statistic and ExtendedStatistic, not both"),
        refused(
            "no metric name",
            alarm(),
            a -> a.remove("MetricName"),
            ": MetricName is required unless the alarm has Metrics"),
        refused(
            "a look-back over a day with a five-minute period",
            alarm(),
            a -> a.put("EvaluationPeriods", 289),
            ".EvaluationPeriods: the period times EvaluationPeriods is 86700 s"),
        refused(
            "a look-back over a week",
            alarm(),
            a -> a.put("Period", 3600).put("EvaluationPeriods", 169),
            ".EvaluationPeriods: the period times EvaluationPeriods is 608400 s"),
        refused(
            "Metrics beside a Period",
            metricMath(),
            a -> a.put("Period", 300),
            ".Period: an alarm with Metrics cannot also have Period"),
        refused(
            "a query id with a capital first letter",
            metricMath(),
            a -> ((ObjectNode) a.get("Metrics").get(0)).put("Id", "Errors"),
            ".Metrics[0].Id: 'Errors' must be unique and start with a lower-case letter"),
        refused(
            "two queries with one id",
            metricMath(),
            a -> ((ObjectNode) a.get("Metrics").get(1)).put("Id", "a"),
            ".Metrics[1].Id: 'a' must be unique"),
        refused(
            "two queries returning data",
            metricMath(),
            a -> ((ObjectNode) a.get("Metrics").get(0)).put("ReturnData", true),
            ".Metrics: 2 queries return data; exactly one must"),
        refused(
            "a metric stat's period of 45 s",
            metricMath(),
            a -> ((ObjectNode) a.get("Metrics").get(0)).set("MetricStat", stat(45)),
            ".Metrics[0].MetricStat.Period: 45 s; an alarm's period is 10, 20, 30 or a multiple"
                + " of 60"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void putMetricAlarmRefuses(String what, ObjectNode alarm, String message) {
    assertThatThrownBy(() -> AlarmChecks.check("Alarm", alarm))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Resources.Alarm.Properties")
        .hasMessageContaining(message);
  }

  @Test
  void highResolutionPeriodsAndAMetricMathAlarmAreTaken() {
    assertThatCode(() -> AlarmChecks.check("Alarm", alarm().put("Period", 10)))
        .doesNotThrowAnyException();
    assertThatCode(() -> AlarmChecks.check("Alarm", alarm().put("Period", 30)))
        .doesNotThrowAnyException();
    assertThatCode(() -> AlarmChecks.check("Alarm", metricMath())).doesNotThrowAnyException();
  }
}
