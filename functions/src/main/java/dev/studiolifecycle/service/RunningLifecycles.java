package dev.studiolifecycle.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.error.CheckAgain;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.ProfileNames;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Executions of the lifecycle state machine still running for a person. Two requests for one person
 * that overlap must end as the later one asks: an offboarding that finds no profile asks whether an
 * onboarding is on its way before it says "nothing to do", and an onboarding asks whether an
 * offboarding is still deleting before it converges a profile that is about to go.
 */
public final class RunningLifecycles {

  private final SfnClient stepFunctions;
  private final String stateMachineName;

  /** {@code stateMachineName}: the lifecycle state machine whose executions are looked at. */
  public RunningLifecycles(SfnClient stepFunctions, String stateMachineName) {
    this.stepFunctions = stepFunctions;
    this.stateMachineName = stateMachineName;
  }

  /** A running execution that onboards the person; see {@link #running}. */
  public Optional<String> onboarding(String ownExecutionArn, String domainId, String user) {
    return running(ownExecutionArn, domainId, user, "ONBOARD");
  }

  /** A running execution that offboards the person; see {@link #running}. */
  public Optional<String> offboarding(String ownExecutionArn, String domainId, String user) {
    return running(ownExecutionArn, domainId, user, "OFFBOARD");
  }

  /**
   * The ARN of a running execution, other than {@code ownExecutionArn}, whose input asks {@code
   * action} for {@code user} (any case) in {@code domainId}; empty when there is none, or when
   * {@code ownExecutionArn} is not an execution of the lifecycle state machine (the function was
   * invoked directly, for example with a sample event: no Step Functions call is made).
   */
  private Optional<String> running(
      String ownExecutionArn, String domainId, String user, String action) {
    String stateMachineArn = stateMachineOf(ownExecutionArn);
    if (!stateMachineArn.endsWith(":stateMachine:" + stateMachineName)) {
      return Optional.empty();
    }
    String token = null;
    do {
      ListExecutionsResponse page =
          stepFunctions.listExecutions(
              ListExecutionsRequest.builder()
                  .stateMachineArn(stateMachineArn)
                  .statusFilter(ExecutionStatus.RUNNING)
                  .nextToken(token)
                  .build());
      for (ExecutionListItem execution : page.executions()) {
        if (!execution.executionArn().equals(ownExecutionArn)
            && asks(execution.executionArn(), action, domainId, user)) {
          return Optional.of(execution.executionArn());
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return Optional.empty();
  }

  private boolean asks(String executionArn, String action, String domainId, String user) {
    JsonNode input;
    try {
      input =
          ModelJson.readTree(
              stepFunctions
                  .describeExecution(
                      DescribeExecutionRequest.builder().executionArn(executionArn).build())
                  .input());
    } catch (JsonProcessingException e) {
      return false;
    }
    return action.equals(input.path("action").asText())
        && domainId.equals(input.path("domainId").asText())
        && ProfileNames.same(user, input.path("userProfileName").asText(null));
  }

  /** The Wait state in which an offboarding keeps a revoked profile for RetentionDays. */
  public static final String RETENTION_STATE = "Retain";

  /**
   * Throws {@code CheckAgainIn30Seconds} while an offboarding of the person runs anywhere but in
   * its retention wait: a request that would converge the profile waits for it to end instead of
   * being undone a moment later. During the retention it may go ahead: the offboarding, finding its
   * mark gone, deletes nothing.
   *
   * @param what names the waiting request in the message ({@code ONBOARD}, {@code onboarding})
   */
  public void awaitOffboardingUnlessRetained(
      String ownExecutionArn, String domainId, String user, String what) {
    Optional<String> offboarding = offboarding(ownExecutionArn, domainId, user);
    if (offboarding.isPresent() && !waitsIn(offboarding.get(), RETENTION_STATE)) {
      throw CheckAgain.in(
          30,
          "an offboarding of "
              + user
              + " is running ("
              + offboarding.get()
              + "): the "
              + what
              + " waits for it to end");
    }
  }

  /**
   * Whether the execution is waiting in the Wait state {@code stateName}: the last event of its
   * history is that state's WaitStateEntered (a Wait state writes nothing else until it ends).
   */
  public boolean waitsIn(String executionArn, String stateName) {
    List<HistoryEvent> last =
        stepFunctions
            .getExecutionHistory(
                GetExecutionHistoryRequest.builder()
                    .executionArn(executionArn)
                    .reverseOrder(true)
                    .maxResults(1)
                    .includeExecutionData(false)
                    .build())
            .events();
    return !last.isEmpty()
        && last.get(0).type() == HistoryEventType.WAIT_STATE_ENTERED
        && last.get(0).stateEnteredEventDetails() != null
        && stateName.equals(last.get(0).stateEnteredEventDetails().name());
  }

  /**
   * {@code arn:...:execution:<machine>:<name>} is an execution of {@code
   * arn:...:stateMachine:<machine>}.
   */
  static String stateMachineOf(String executionArn) {
    String machine = executionArn.substring(0, executionArn.lastIndexOf(':'));
    return machine.replaceFirst(":execution:", ":stateMachine:");
  }
}
