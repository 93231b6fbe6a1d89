package dev.studiolifecycle.local.asl.mock;

import dev.studiolifecycle.local.asl.definition.State;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.definition.TaskState;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One test case of a state machine in a mock configuration: which Task states answer with which
 * mocked response. Tasks it does not mock run for real.
 */
public record TestCase(String stateMachine, String name, Map<String, MockedResponse> mocks) {

  public TestCase {
    mocks = Collections.unmodifiableMap(new LinkedHashMap<>(mocks));
  }

  public Optional<MockedResponse> mockFor(String stateName) {
    return Optional.ofNullable(mocks.get(stateName));
  }

  /**
   * A task invoker for one execution of this test case: mocked states answer from their mocked
   * responses, counting invocations per state as Step Functions Local does (retries and Map
   * iterations included); every other task goes to {@code fallback}.
   */
  public TaskInvoker invoker(TaskInvoker fallback) {
    return new MockTaskInvoker(this, fallback);
  }

  /** States this test case mocks that are not Task states of the definition. */
  public List<String> check(StateMachineDefinition definition) {
    List<String> problems = new ArrayList<>();
    for (String stateName : mocks.keySet()) {
      Optional<State> state = definition.findState(stateName);
      if (state.isEmpty()) {
        problems.add(mocksState(stateName) + "which the definition does not have");
      } else if (!(state.get() instanceof TaskState)) {
        problems.add(
            mocksState(stateName)
                + "which is a "
                + state.get().type().aslName()
                + " state; only Task states can be mocked");
      }
    }
    return problems;
  }

  private String mocksState(String stateName) {
    return "Mock configuration, test case '"
        + name
        + "' of state machine '"
        + stateMachine
        + "': mocks state '"
        + stateName
        + "', ";
  }
}
