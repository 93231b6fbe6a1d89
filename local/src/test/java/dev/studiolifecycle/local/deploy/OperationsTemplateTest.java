package dev.studiolifecycle.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.studiolifecycle.local.template.SamTemplate;
import dev.studiolifecycle.local.template.TemplateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What operating the stack needs is in template.yaml: versions, logs, alarms, outputs. */
class OperationsTemplateTest {

  private final SamTemplate template = ProjectFiles.template();
  private final Map<String, JsonNode> resources = template.resolvedResources();
  private final String stateMachineArn =
      template.stateMachine(ProjectFiles.STATE_MACHINE).orElseThrow().arn();
  private final String reconcileArn =
      template.stateMachine(ProjectFiles.RECONCILE_STATE_MACHINE).orElseThrow().arn();

  private List<JsonNode> ofType(String type) {
    return resources.values().stream().filter(r -> r.path("Type").asText().equals(type)).toList();
  }

  private String topicArn(String logicalId) {
    return template.topics().stream()
        .filter(t -> t.logicalId().equals(logicalId))
        .findFirst()
        .orElseThrow()
        .arn();
  }

  @Test
  void everyFunctionPublishesAVersionWithSnapStartAndLogsWithRetention() {
    for (String logicalId : template.functions().keySet()) {
      JsonNode properties = resources.get(logicalId).path("Properties");
      assertThat(properties.path("AutoPublishAlias").asText()).as(logicalId).isEqualTo("live");
      assertThat(properties.at("/SnapStart/ApplyOn").asText())
          .as(logicalId)
          .isEqualTo("PublishedVersions");
      assertThat(properties.path("Runtime").asText()).as(logicalId).isEqualTo("java21");
      String logGroup = properties.at("/LoggingConfig/LogGroup").asText();
      assertThat(logGroup).as(logicalId).isNotEmpty();
    }
    for (JsonNode group : ofType("AWS::Logs::LogGroup")) {
      assertThat(group.at("/Properties/RetentionInDays").asInt()).isPositive();
    }
  }

  @Test
  void theStateMachineLogsWithoutExecutionDataIntoAGroupWithRetention() {
    JsonNode logging = resources.get(ProjectFiles.STATE_MACHINE).at("/Properties/Logging");
    assertThat(logging.path("IncludeExecutionData").asBoolean(true)).isFalse();
    assertThat(logging.at("/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn").asText())
        .contains(":log-group:/aws/vendedlogs/states/");
    assertThat(resources.get("StateMachineLogGroup").at("/Properties/RetentionInDays").asInt())
        .isEqualTo(90);
  }

  @Test
  void alarmsWatchExecutionsQueuesAndFunctionsAndTellTheOpsTopic() {
    String opsTopic = topicArn("OpsTopic");
    Set<String> executionMetrics = new TreeSet<>();
    Set<String> queues = new TreeSet<>();
    Set<String> functions = new TreeSet<>();
    Set<String> recordsLost = new TreeSet<>();
    for (JsonNode alarm : ofType("AWS::CloudWatch::Alarm")) {
      JsonNode properties = alarm.path("Properties");
      assertThat(properties.path("AlarmActions").toString()).contains(opsTopic);
      assertThat(properties.path("AlarmDescription").asText()).isNotBlank();
      String namespace = properties.path("Namespace").asText();
      if (namespace.equals("AWS/States")) {
        String machine = properties.at("/Dimensions/0/Value").asText();
        assertThat(machine).isIn(stateMachineArn, reconcileArn);
        executionMetrics.add(
            (machine.equals(reconcileArn) ? "Reconcile " : "")
                + properties.path("MetricName").asText());
      } else if (namespace.equals("AWS/SQS")) {
        queues.add(properties.at("/Dimensions/0/Value").asText());
      } else if (properties.path("MetricName").asText().equals("DestinationDeliveryFailures")) {
        recordsLost.add(properties.at("/Dimensions/0/Value").asText());
      }
      for (JsonNode metric : properties.path("Metrics")) {
        JsonNode stat = metric.at("/MetricStat/Metric");
        if (stat.path("MetricName").asText().equals("Errors")) {
          functions.add(stat.at("/Dimensions/0/Value").asText());
        }
      }
    }
    assertThat(executionMetrics)
        .containsExactlyInAnyOrder(
            "ExecutionsFailed",
            "ExecutionsTimedOut",
            "ExecutionsAborted",
            "Reconcile ExecutionsFailed",
            "Reconcile ExecutionsTimedOut",
            "Reconcile ExecutionsAborted");
    List<String> expectedQueues = new ArrayList<>();
    resources.forEach(
        (id, resource) -> {
          if (resource.path("Type").asText().equals("AWS::SQS::Queue")) {
            expectedQueues.add(id);
          }
        });
    assertThat(queues)
        .as("every dead-letter and unusable-event queue has a depth alarm")
        .containsExactlyInAnyOrderElementsOf(expectedQueues);
    // The two polling steps fail on purpose while they wait (CheckAgainIn10Seconds,
    // CheckAgainIn30Seconds): Lambda counts each poll as an error, so their Errors would raise the
    // alarm on every offboarding. Their real failures end the execution (ExecutionsFailed).
    // CreateLoginUrl answers its caller at once (a synchronous invoke): its refusals (a revoked
    // profile, a typo) are answers, not failures an operator must hear of.
    Set<String> polling =
        Set.of("CheckStatusFunction", "DeleteUserResourcesFunction", "CreateLoginUrlFunction");
    assertThat(functions)
        .containsExactlyInAnyOrderElementsOf(
            template.functions().values().stream()
                .map(f -> f.functionName())
                .filter(name -> !polling.contains(name))
                .toList());
    // A failed asynchronous invocation that Lambda cannot keep in its OnFailure queue is lost with
    // no other trace than DestinationDeliveryFailures ("Types of metrics for Lambda functions").
    assertThat(recordsLost)
        .as("every function with an OnFailure queue has a DestinationDeliveryFailures alarm")
        .containsExactlyInAnyOrderElementsOf(
            template.functions().values().stream()
                .filter(f -> f.onFailureDestination().isPresent())
                .map(f -> f.functionName())
                .toList());
  }

  /**
   * EventBridge Scheduler takes a cron expression of six fields or a rate (user guide, "Schedule
   * types"); the ReconcileSchedule parameter says so, so that a Unix-style five-field cron fails
   * the deployment before anything is created, locally as on AWS.
   */
  @Test
  void theReconcileScheduleTakesOnlyWhatSchedulerTakes() {
    for (String good :
        List.of("cron(0 2 * * ? *)", "cron(30 1 ? * MON-FRI *)", "rate(12 hours)", "rate(1 day)")) {
      assertThat(ProjectFiles.template(Map.of("ReconcileSchedule", good)).file()).isNotNull();
    }
    for (String bad : List.of("cron(0 2 * * *)", "rate(1 days)", "rate(0 hours)", "0 2 * * *")) {
      assertThatThrownBy(() -> ProjectFiles.template(Map.of("ReconcileSchedule", bad)))
          .as(bad)
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("Parameters.ReconcileSchedule: '" + bad + "' failed to satisfy");
    }
  }

  /**
   * CloudWatch's limits on an alarm based on metric math (CloudWatch user guide, "Limits": at most
   * 10 metrics, a hard limit; PutMetricAlarm: at most 20 queries, exactly one returning data). The
   * function-errors alarm grows with every function the project adds: past ten, split it.
   */
  @Test
  void metricMathAlarmsStayWithinCloudWatchsLimits() {
    for (JsonNode alarm : ofType("AWS::CloudWatch::Alarm")) {
      JsonNode metrics = alarm.at("/Properties/Metrics");
      if (metrics.isMissingNode()) {
        continue;
      }
      int stats = 0;
      int returning = 0;
      for (JsonNode query : metrics) {
        stats += query.has("MetricStat") ? 1 : 0;
        returning += query.path("ReturnData").asBoolean(true) ? 1 : 0;
      }
      assertThat(stats).as("metrics of an alarm").isLessThanOrEqualTo(10);
      assertThat(metrics.size()).as("queries of an alarm").isLessThanOrEqualTo(20);
      assertThat(returning).as("queries returning data").isEqualTo(1);
    }
  }

  @Test
  void theDashboardShowsOutcomesDurationsTimeToRevokeThrottlesQueuesAndEveryFunction()
      throws IOException {
    JsonNode body =
        ProjectFiles.JSON.readTree(
            resources.get("OperationsDashboard").at("/Properties/DashboardBody").asText());
    List<String> titles = new ArrayList<>();
    body.path("widgets").forEach(w -> titles.add(w.at("/properties/title").asText()));
    assertThat(titles)
        .anyMatch(t -> t.startsWith("Lifecycle executions by outcome"))
        .anyMatch(t -> t.startsWith("Reconcile executions by outcome"))
        .anyMatch(t -> t.startsWith("Lifecycle execution duration"))
        .anyMatch(t -> t.startsWith("Time to revoke"))
        .anyMatch(t -> t.startsWith("Throttles"))
        .anyMatch(t -> t.startsWith("Dead-letter"))
        .anyMatch(t -> t.startsWith("Function errors"))
        .anyMatch(t -> t.startsWith("Function duration"));
    String text = body.toString();
    assertThat(text).contains(stateMachineArn, reconcileArn).doesNotContain("${");
    for (String function : template.functions().keySet()) {
      String name = template.function(function).orElseThrow().functionName();
      assertThat(text).as(function).contains("\"FunctionName\",\"" + name + "\"");
    }
    resources.forEach(
        (logicalId, resource) -> {
          if (resource.path("Type").asText().equals("AWS::SQS::Queue")) {
            // Locally a queue without QueueName is named after its logical id.
            assertThat(text).as(logicalId).contains("\"QueueName\",\"" + logicalId + "\"");
          }
        });
  }

  @Test
  void topicsAreEncryptedAndOnlyThisAccountPublishesNotifications() {
    for (String topic : List.of("NotificationTopic", "HrTopic", "OpsTopic")) {
      assertThat(resources.get(topic).at("/Properties/KmsMasterKeyId").asText())
          .as(topic)
          .isNotEmpty();
    }
    JsonNode statements =
        resources.get("NotificationTopicPolicy").at("/Properties/PolicyDocument/Statement");
    boolean denyOthers = false;
    for (JsonNode statement : statements) {
      if (statement.path("Effect").asText().equals("Deny")
          && statement.path("Action").asText().equals("sns:Publish")) {
        denyOthers =
            statement
                .at("/Condition/StringNotEquals/aws:PrincipalAccount")
                .asText()
                .equals("123456789012");
      }
      if (statement.path("Effect").asText().equals("Allow")) {
        assertThat(statement.at("/Principal/AWS").asText())
            .isEqualTo("arn:aws:iam::123456789012:root");
      }
    }
    assertThat(denyOthers).isTrue();
  }

  @Test
  void outputsNameWhatOperatorsUse() throws IOException {
    JsonNode outputs =
        new YAMLMapper()
            .readTree(ProjectFiles.root().resolve("template.yaml").toFile())
            .path("Outputs");
    Set<String> values = new TreeSet<>();
    outputs.forEach(output -> values.add(output.path("Value").asText()));
    assertThat(values)
        .contains(
            ProjectFiles.STATE_MACHINE,
            "NotificationTopic",
            "HrTopic",
            "OpsTopic",
            "StudioUserLifecycleStateMachineEmployeeHired",
            "StudioUserLifecycleStateMachineEmployeeHiredSso",
            "StudioUserLifecycleStateMachineEmployeeTerminated",
            "HrEventsUnusableRule");
    template
        .eventRules()
        .forEach(
            rule -> assertThat(values).as("an output names every rule").contains(rule.logicalId()));
  }

  @Test
  void functionsTakeTheSdkEndpointVariableOnlyWhenAwsEndpointUrlIsGiven() {
    SamTemplate local =
        ProjectFiles.template(Map.of("AwsEndpointUrl", "http://host.docker.internal:4566"));

    assertThat(local.functions().values())
        .allSatisfy(
            f ->
                assertThat(f.environment())
                    .containsEntry("AWS_ENDPOINT_URL", "http://host.docker.internal:4566"));
    assertThat(template.functions().values())
        .allSatisfy(f -> assertThat(f.environment()).doesNotContainKey("AWS_ENDPOINT_URL"));
  }
}
