package dev.studiolifecycle.local.asl.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * {@code arn:aws:states:::states:startExecution.sync} and {@code .sync:2} (developer guide, "Start
 * workflow executions from a task state" and "Run a Job (.sync)"): StartExecution through the real
 * Step Functions client, then, when the child ends, its DescribeExecution in PascalCase with dates
 * in epoch milliseconds, Input and Output as JSON values ({@code :2}) or JSON text. A child that
 * does not succeed fails the task with States.TaskFailed, the description as its cause; a refused
 * start fails it with {@code StepFunctions.<Code>Exception}. The task is recorded TaskSubmitted
 * with the StartExecution response once the child exists.
 */
final class StartExecutionSyncIntegration {

  private static final Set<String> PARAMETERS =
      Set.of("StateMachineArn", "Input", "Name", "TraceHeader");

  private final Supplier<SfnClient> client;
  private final ExecutionEnds ends;

  StartExecutionSyncIntegration(Supplier<SfnClient> client, ExecutionEnds ends) {
    this.client = client;
    this.ends = ends;
  }

  List<String> check(TaskState state) {
    return IntegrationParameters.check(
        state, "states:startExecution", PARAMETERS, List.of(List.of("StateMachineArn")));
  }

  TaskOutcome invoke(TaskInvocation invocation) {
    boolean jsonPayloads = ((TaskResource.StartExecutionSync) invocation.resource()).jsonPayloads();
    JsonNode parameters = invocation.parameters();
    StartExecutionResponse started;
    try {
      started =
          client
              .get()
              .startExecution(
                  r ->
                      r.stateMachineArn(parameters.path("StateMachineArn").asText(null))
                          .name(parameters.path("Name").asText(null))
                          .traceHeader(parameters.path("TraceHeader").asText(null))
                          .input(inputText(parameters.get("Input"))));
    } catch (AwsServiceException e) {
      return TaskOutcome.serviceError("StepFunctions", "AWSStepFunctions", e);
    } catch (SdkClientException e) {
      return TaskOutcome.failed("StepFunctions.SdkClientException", e.getMessage());
    }
    String executionArn = started.executionArn();
    Optional<CompletableFuture<?>> ended = ends.of(executionArn);
    if (ended.isEmpty()) {
      return TaskOutcome.failed(
          StatesError.RUNTIME,
          "Execution " + executionArn + " is not run by this runtime: its end cannot be awaited");
    }
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("ExecutionArn", executionArn);
    response.put("StartDate", started.startDate().toEpochMilli());
    return new TaskOutcome.Submitted(
        response,
        ended.get(),
        () -> outcome(executionArn, jsonPayloads),
        cause -> stop(executionArn, cause));
  }

  /**
   * An Input given as a string is the child's input text when it is JSON (what States.JsonToString
   * makes), else a JSON string; any other value is written as JSON; none is {@code {}}.
   */
  private static String inputText(JsonNode input) {
    if (input == null || input.isNull()) {
      return "{}";
    }
    if (input.isTextual()) {
      try {
        LocalJson.MAPPER.readTree(input.asText());
        return input.asText();
      } catch (JsonProcessingException e) {
        return input.toString();
      }
    }
    return input.toString();
  }

  private TaskOutcome outcome(String executionArn, boolean jsonPayloads) {
    DescribeExecutionResponse described;
    try {
      described = client.get().describeExecution(r -> r.executionArn(executionArn));
    } catch (AwsServiceException e) {
      return TaskOutcome.serviceError("StepFunctions", "AWSStepFunctions", e);
    } catch (SdkClientException e) {
      return TaskOutcome.failed("StepFunctions.SdkClientException", e.getMessage());
    }
    ObjectNode description = describe(described, jsonPayloads);
    if (described.status() == ExecutionStatus.SUCCEEDED) {
      return TaskOutcome.succeeded(description);
    }
    return TaskOutcome.failed(StatesError.TASK_FAILED, description.toString());
  }

  /** DescribeExecution in PascalCase, keys in alphabetical order, dates in epoch milliseconds. */
  private static ObjectNode describe(DescribeExecutionResponse described, boolean jsonPayloads) {
    Map<String, JsonNode> fields = new TreeMap<>();
    JsonNodeFactory json = JsonNodeFactory.instance;
    fields.put("ExecutionArn", json.textNode(described.executionArn()));
    fields.put("StateMachineArn", json.textNode(described.stateMachineArn()));
    fields.put("Name", json.textNode(described.name()));
    fields.put("Status", json.textNode(described.statusAsString()));
    fields.put("StartDate", json.numberNode(described.startDate().toEpochMilli()));
    if (described.stopDate() != null) {
      fields.put("StopDate", json.numberNode(described.stopDate().toEpochMilli()));
    }
    fields.put("Input", payload(described.input(), jsonPayloads));
    fields.put("InputDetails", json.objectNode().put("Included", true));
    if (described.output() != null) {
      fields.put("Output", payload(described.output(), jsonPayloads));
      fields.put("OutputDetails", json.objectNode().put("Included", true));
    }
    if (described.error() != null) {
      fields.put("Error", json.textNode(described.error()));
    }
    if (described.cause() != null) {
      fields.put("Cause", json.textNode(described.cause()));
    }
    ObjectNode out = json.objectNode();
    fields.forEach(out::set);
    return out;
  }

  private static JsonNode payload(String text, boolean jsonPayloads) {
    if (!jsonPayloads) {
      return JsonNodeFactory.instance.textNode(text);
    }
    try {
      return LocalJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.textNode(text);
    }
  }

  private void stop(String executionArn, String cause) {
    try {
      client.get().stopExecution(r -> r.executionArn(executionArn).cause(cause));
    } catch (AwsServiceException | SdkClientException e) {
      // The child has ended already, or cannot be stopped: nothing more to do for the parent.
    }
  }
}
