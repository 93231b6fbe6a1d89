package dev.studiolifecycle.local.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.definition.TaskResource;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A task invoker for tests: each Lambda function name (the last part of the resource ARN or of
 * FunctionName) answers with a scripted behaviour, and every call is recorded with its virtual
 * start time.
 */
final class FakeTasks implements TaskInvoker {

  /** One recorded call. */
  record Call(
      String stateName, String function, JsonNode parameters, JsonNode context, Instant at) {}

  private final Map<String, Function<TaskInvocation, TaskOutcome>> behaviours = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();

  FakeTasks on(String function, Function<TaskInvocation, TaskOutcome> behaviour) {
    behaviours.put(function, behaviour);
    return this;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String function) {
    return calls.stream().filter(c -> c.function().equals(function)).toList();
  }

  @Override
  public List<String> check(TaskState state) {
    String function = functionOf(state.resource(), state.parameters());
    return behaviours.containsKey(function)
        ? List.of()
        : List.of("State '" + state.name() + "', field 'Resource': no fake for " + function);
  }

  @Override
  public TaskOutcome invoke(TaskInvocation invocation) {
    String function = functionOf(invocation.resource(), invocation.parameters());
    calls.add(
        new Call(
            invocation.stateName(),
            function,
            invocation.parameters(),
            invocation.context(),
            invocation.startTime()));
    return behaviours.get(function).apply(invocation);
  }

  /** The function of a Lambda task (FunctionName for lambda:invoke), else the ARN's action. */
  private static String functionOf(TaskResource resource, JsonNode parameters) {
    if (resource instanceof TaskResource.LambdaInvoke && parameters.has("FunctionName")) {
      return parameters.get("FunctionName").asText();
    }
    String arn = resource.arn();
    return arn.substring(arn.lastIndexOf(':') + 1);
  }
}
