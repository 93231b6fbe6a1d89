package dev.studiolifecycle.local.asl.task;

import dev.studiolifecycle.local.asl.definition.TaskState;
import java.util.List;

/**
 * Runs Task states' resources: the point where the interpreter meets Lambda handlers, AWS service
 * integrations, mocks or test fakes. Called on the interpreter's scheduler thread, one task at a
 * time.
 */
public interface TaskInvoker {

  /**
   * Why this Task state cannot run with this invoker (unknown resource, unsupported parameter),
   * each problem naming the state and the field; empty when it can run. Checked before an execution
   * starts.
   */
  List<String> check(TaskState state);

  /**
   * Runs the task. Failures of the resource are a {@link TaskOutcome.Failed}, not an exception; an
   * exception here is a bug of the invoker and fails the task with States.TaskFailed.
   */
  TaskOutcome invoke(TaskInvocation invocation);
}
