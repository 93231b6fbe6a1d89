package dev.studiolifecycle.local.asl.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.local.asl.DefinitionException;
import dev.studiolifecycle.local.asl.definition.StateMachineDefinition;
import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionEngine;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.asl.engine.StateMachine;
import dev.studiolifecycle.local.asl.history.EventDetails;
import dev.studiolifecycle.local.asl.history.HistoryEvent;
import dev.studiolifecycle.local.asl.history.HistoryEventType;
import dev.studiolifecycle.local.asl.task.ServiceIntegrations;
import dev.studiolifecycle.local.asl.task.TaskInvoker;
import dev.studiolifecycle.local.time.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mock configuration format of Step Functions Local, run with the developer guide's own example
 * (LambdaSQSIntegration and its MockConfigFile.json).
 */
class MockConfigTest {

  private static final Instant START = VirtualClock.DEFAULT_ORIGIN;

  private static final MockConfig CONFIG = MockConfig.parse(resource("MockConfigFile.json"));
  private static final StateMachine MACHINE =
      StateMachine.of(
          "LambdaSQSIntegration",
          StateMachineDefinition.parse(resource("LambdaSQSIntegration.asl.json")));

  /** No real integrations: every Task must be mocked. */
  private static final TaskInvoker NOTHING_REAL = ServiceIntegrations.builder().build();

  private static String resource(String name) {
    try (InputStream in = MockConfigTest.class.getResourceAsStream("/asl/mock/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Execution run(String testCase) {
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    TaskInvoker invoker = CONFIG.testCase("LambdaSQSIntegration", testCase).invoker(NOTHING_REAL);
    Execution execution =
        engine.start(
            MACHINE,
            "executionWith" + testCase + "MockedServices",
            ExecutionEngine.parseInput("{}"),
            invoker);
    return engine.awaitCompletion(execution);
  }

  private static String stateOutput(Execution execution, String state) {
    return execution.history().stream()
        .filter(
            e ->
                e.details() instanceof EventDetails.StateExited exited
                    && exited.name().equals(state))
        .map(e -> ((EventDetails.StateExited) e.details()).output())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void happyPathUsesTheMockedResponsesAsTaskResults() {
    Execution execution = run("HappyPath");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // LambdaState's result is the mocked Invoke response; it is SQSState's input.
    assertThat(stateOutput(execution, "LambdaState"))
        .isEqualTo(
            "{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}");
    HistoryEvent sqsSucceeded =
        execution.history().stream()
            .filter(e -> e.type() == HistoryEventType.TaskSucceeded)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(sqsSucceeded.details())
        .isEqualTo(
            new EventDetails.TaskSucceeded(
                "sqs",
                "sendMessage",
                "{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                    + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"));
    assertThat(execution.output().orElseThrow())
        .isEqualTo(
            ExecutionEngine.parseInput(
                "{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                    + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"));
  }

  @Test
  void retryPathFailsThreeTimesThenSucceedsOnTheThirdRetry() {
    Execution execution = run("RetryPath");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<HistoryEvent> lambdaEnds =
        execution.history().stream()
            .filter(e -> e.state().orElse("").equals("LambdaState"))
            .filter(
                e ->
                    e.type() == HistoryEventType.TaskFailed
                        || e.type() == HistoryEventType.TaskSucceeded)
            .toList();
    assertThat(lambdaEnds)
        .extracting(
            e -> e.details() instanceof EventDetails.TaskFailure f ? f.error() : "succeeded")
        .containsExactly(
            "Lambda.ResourceNotReadyException",
            "Lambda.TimeoutException",
            "Lambda.TimeoutException",
            "succeeded");
    // IntervalSeconds 2, BackoffRate 2: the retries wait 2, 4 and 8 seconds.
    assertThat(lambdaEnds)
        .extracting(e -> Duration.between(START, e.timestamp()).toSeconds())
        .containsExactly(0L, 2L, 6L, 14L);
    assertThat(stateOutput(execution, "LambdaState")).contains("Hello from Lambda!");
    assertThat(execution.output().orElseThrow().get("MessageId").asText())
        .isEqualTo("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51");
  }

  @Test
  void hybridPathNeedsTheRealSqsServiceWhichThisRuntimeDoesNotHave() {
    // In Step Functions Local, SQSState would call SQS for real; here it is refused up front.
    assertThatThrownBy(() -> run("HybridPath"))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "State 'SQSState', field 'Resource': arn:aws:states:::sqs:sendMessage is "
                + "not supported by the local interpreter (it runs lambda:invoke, Lambda function "
                + "ARNs, sns:publish, states:startExecution.sync(:2) and registered aws-sdk "
                + "integrations)");
  }

  @Test
  void invocationsWithoutAMockedResponseFailTheExecution() {
    MockConfig config =
        MockConfig.parse(
            "{\"StateMachines\": {\"M\": {\"TestCases\": "
                + "{\"Short\": {\"LambdaState\": \"OnlyFailures\", \"SQSState\": \"Sent\"}}}}, "
                + "\"MockedResponses\": {\"OnlyFailures\": {\"0-1\": {\"Throw\": {\"Error\": \"E\", "
                + "\"Cause\": \"c\"}}}, \"Sent\": {\"0\": {\"Return\": {}}}}}");
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    Execution execution =
        engine.awaitCompletion(
            engine.start(
                MACHINE,
                "short",
                ExecutionEngine.parseInput("{}"),
                config.testCase("M", "Short").invoker(NOTHING_REAL)));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow())
        .isEqualTo(
            "No mocked response for invocation 2 "
                + "of state 'LambdaState' in test case 'Short': MockedResponses 'OnlyFailures' covers "
                + "0-1");
  }

  @Test
  void invocationsAreCountedPerStateAcrossMapIterations() {
    StateMachine map =
        StateMachine.of(
            "MapMock",
            StateMachineDefinition.parse(
                "{\"StartAt\": "
                    + "\"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"MaxConcurrency\": 1, "
                    + "\"ItemProcessor\": {\"StartAt\": \"Item\", \"States\": {\"Item\": {\"Type\": "
                    + "\"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": "
                    + "{\"FunctionName\": \"f\"}, \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], "
                    + "\"Next\": \"Failed\"}], \"End\": true}, \"Failed\": {\"Type\": \"Pass\", "
                    + "\"Result\": \"failed\", \"End\": true}}}, \"ItemsPath\": \"$.items\", "
                    + "\"End\": true}}}"));
    MockConfig config =
        MockConfig.parse(
            "{\"StateMachines\": {\"MapMock\": {\"TestCases\": "
                + "{\"Mixed\": {\"Item\": \"Items\"}}}}, \"MockedResponses\": {\"Items\": {"
                + "\"0\": {\"Return\": \"first\"}, \"1\": {\"Throw\": {\"Error\": \"E\", \"Cause\": "
                + "\"c\"}}, \"2\": {\"Return\": \"third\"}}}}");
    ExecutionEngine engine = ExecutionEngine.builder(new VirtualClock(START)).build();
    Execution execution =
        engine.awaitCompletion(
            engine.start(
                map,
                "mixed",
                ExecutionEngine.parseInput("{\"items\": [1, 2, 3]}"),
                config.testCase("MapMock", "Mixed").invoker(NOTHING_REAL)));
    JsonNode output = execution.output().orElseThrow();
    assertThat(output)
        .isEqualTo(ExecutionEngine.parseInput("[\"first\", \"failed\", " + "\"third\"]"));
  }

  @Test
  void aTestCaseCanOnlyMockTaskStatesOfTheDefinition() {
    MockConfig config =
        MockConfig.parse(
            "{\"StateMachines\": {\"M\": {\"TestCases\": {\"T\": "
                + "{\"Nope\": \"R\", \"SQSState\": \"R\"}}}}, \"MockedResponses\": {\"R\": {\"0\": "
                + "{\"Return\": 1}}}}");
    assertThat(config.testCase("M", "T").check(MACHINE.definition()))
        .containsExactly(
            "Mock configuration, test case 'T' of state machine 'M': mocks state 'Nope', which the "
                + "definition does not have");
  }

  @Test
  void namesWhatExistsWhenAStateMachineOrTestCaseIsMissing() {
    assertThatThrownBy(() -> CONFIG.testCase("Other", "HappyPath"))
        .isInstanceOf(MockConfigException.class)
        .hasMessage(
            "The mock configuration has no state machine 'Other' (it has: "
                + "LambdaSQSIntegration)");
    assertThatThrownBy(() -> CONFIG.testCase("LambdaSQSIntegration", "SadPath"))
        .hasMessage(
            "State machine 'LambdaSQSIntegration' has no test case 'SadPath' in the mock "
                + "configuration (it has: HappyPath, RetryPath, HybridPath)");
  }

  @Test
  void rejectsMalformedConfigurationsNamingTheField() {
    assertThatThrownBy(
            () ->
                MockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"first\": " + "{\"Return\": 1}}}}"))
        .hasMessage(
            "Mock configuration, MockedResponses.R.\"first\": "
                + "an invocation key must be a number such as \"0\" or an inclusive range such as "
                + "\"1-3\"");
    assertThatThrownBy(
            () ->
                MockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"0\": " + "{\"Return\": 1, \"Throw\": {}}}}}"))
        .hasMessage(
            "Mock configuration, "
                + "MockedResponses.R.\"0\": must have exactly one field, Return or Throw");
    assertThatThrownBy(
            () ->
                MockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"0-2\": "
                        + "{\"Return\": 1}, \"2\": {\"Return\": 2}}}}"))
        .hasMessage(
            "Mock configuration, " + "MockedResponses.R: invocation 2 is given more than once");
    assertThatThrownBy(
            () ->
                MockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"0\": "
                        + "{\"Throw\": {\"Error\": \"E\"}}}}}"))
        .hasMessage(
            "Mock configuration, "
                + "MockedResponses.R.\"0\".Throw: needs string fields Error and Cause");
    assertThatThrownBy(
            () ->
                MockConfig.parse(
                    "{\"StateMachines\": {\"M\": {\"TestCases\": "
                        + "{\"T\": {\"S\": \"Missing\"}}}}}"))
        .hasMessage(
            "Mock configuration, "
                + "StateMachines.M.TestCases.T.S: no MockedResponses entry named 'Missing'");
    assertThatThrownBy(() -> MockConfig.parse("{\"Mocks\": {}}"))
        .hasMessageContaining("unknown top-level field 'Mocks'");
  }
}
