package dev.studiolifecycle.local.asl.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The details of a history event, shaped like GetExecutionHistory's {@code ...EventDetails}
 * members. Inputs, outputs and parameters are JSON text, as the API carries them.
 */
public sealed interface EventDetails {

  /** Events with no details member (LambdaFunctionStarted, ParallelStateStarted, ...). */
  record None() implements EventDetails {}

  record ExecutionStarted(String input, String roleArn) implements EventDetails {}

  record ExecutionSucceeded(String output) implements EventDetails {}

  /**
   * ExecutionFailed, ExecutionTimedOut and ExecutionAborted.
   *
   * @param error null when the execution failed without an error name
   * @param cause null when there is none
   */
  record ExecutionFailure(String error, String cause) implements EventDetails {}

  record StateEntered(String name, String input) implements EventDetails {}

  /**
   * A state's end: its output, and the variables it assigned, each as JSON text (empty when none),
   * as GetExecutionHistory's {@code assignedVariables} gives them.
   */
  record StateExited(String name, String output, Map<String, String> assignedVariables)
      implements EventDetails {

    public StateExited {
      assignedVariables = Collections.unmodifiableMap(new LinkedHashMap<>(assignedVariables));
    }

    public StateExited(String name, String output) {
      this(name, output, Map.of());
    }
  }

  /**
   * TaskScheduled.
   *
   * @param timeoutInSeconds the task's timeout, 0 when the state sets none
   * @param heartbeatInSeconds the task's heartbeat timeout, 0 when the state sets none
   */
  record TaskScheduled(
      String resourceType,
      String resource,
      String region,
      String parameters,
      long timeoutInSeconds,
      long heartbeatInSeconds)
      implements EventDetails {}

  record TaskStarted(String resourceType, String resource) implements EventDetails {}

  /** TaskSucceeded, and TaskSubmitted (a .sync job started: the start call's response). */
  record TaskSucceeded(String resourceType, String resource, String output)
      implements EventDetails {}

  /** TaskFailed and TaskTimedOut; {@code cause} may be null. */
  record TaskFailure(String resourceType, String resource, String error, String cause)
      implements EventDetails {}

  /**
   * LambdaFunctionScheduled (a Task whose Resource is a function ARN).
   *
   * @param timeoutInSeconds the task's timeout, 0 when the state sets none
   */
  record LambdaFunctionScheduled(String resource, String input, long timeoutInSeconds)
      implements EventDetails {}

  record LambdaFunctionSucceeded(String output) implements EventDetails {}

  /** LambdaFunctionFailed and LambdaFunctionTimedOut; {@code cause} may be null. */
  record LambdaFunctionFailure(String error, String cause) implements EventDetails {}

  record MapStateStarted(int length) implements EventDetails {}

  /** MapIterationStarted/Succeeded/Failed/Aborted: the Map state's name and the item index. */
  record MapIteration(String name, int index) implements EventDetails {}

  /** ExecutionRedriven: how many times the execution has been redriven, this one included. */
  record ExecutionRedriven(int redriveCount) implements EventDetails {}

  /** MapRunRedriven: the Map Run a redriven Distributed Map state redrives, and how often. */
  record MapRunRedriven(String mapRunArn, int redriveCount) implements EventDetails {}

  /** MapRunStarted: the Map Run a Distributed Map state started. */
  record MapRunStarted(String mapRunArn) implements EventDetails {}

  static EventDetails none() {
    return new None();
  }
}
