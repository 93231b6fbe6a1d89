package dev.studiolifecycle.local.asl.mock;

import dev.studiolifecycle.local.asl.StatesError;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.task.TaskInvocation;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.asl.task.TaskOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers mocked Task states from a test case; see {@link TestCase#invoker}. */
final class MockTaskInvoker implements TaskInvoker {

  private final TestCase testCase;
  private final TaskInvoker fallback;
  private final Map<String, Integer> invocations = new HashMap<>();

  MockTaskInvoker(TestCase testCase, TaskInvoker fallback) {
    this.testCase = testCase;
    this.fallback = fallback;
  }

  @Override
  public List<String> check(TaskState state) {
    // A mocked task never calls its resource, so any resource will do.
    return testCase.mockFor(state.name()).isPresent() ? List.of() : fallback.check(state);
  }

  @Override
  public TaskOutcome invoke(TaskInvocation invocation) {
    Optional<MockedResponse> mock = testCase.mockFor(invocation.stateName());
    if (mock.isEmpty()) {
      return fallback.invoke(invocation);
    }
    int number = invocations.merge(invocation.stateName(), 1, Integer::sum) - 1;
    Optional<MockedResponse.Reaction> reaction = mock.get().forInvocation(number);
    if (reaction.isEmpty()) {
      // Step Functions Local fails the execution when a mocked task has no response left.
      return TaskOutcome.failed(
          StatesError.RUNTIME,
          "No mocked response for invocation "
              + number
              + " of state '"
              + invocation.stateName()
              + "' in test case '"
              + testCase.name()
              + "': MockedResponses '"
              + mock.get().name()
              + "' covers "
              + mock.get().coverage());
    }
    if (reaction.get() instanceof MockedResponse.Return returned) {
      return TaskOutcome.succeeded(returned.value().deepCopy());
    }
    MockedResponse.Throw thrown = (MockedResponse.Throw) reaction.get();
    return TaskOutcome.failed(thrown.error(), thrown.cause());
  }
}
