package dev.studiolifecycle.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.model.ModelJson;
import dev.studiolifecycle.model.ProfileNames;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Onboardings of a person still running in the lifecycle state machine. An offboarding that finds
 * no profile asks before it says "nothing to do": the profile may be on its way, and a termination
 * must not be lost to a hire that started a moment earlier.
 */
public final class RunningOnboardings {

  private final SfnClient stepFunctions;
  private final String stateMachineName;

  /** {@code stateMachineName}: the lifecycle state machine whose executions are looked at. */
  public RunningOnboardings(SfnClient stepFunctions, String stateMachineName) {
    this.stepFunctions = stepFunctions;
    this.stateMachineName = stateMachineName;
  }

  /**
   * The ARN of a running execution, other than {@code ownExecutionArn}, that onboards {@code user}
   * into {@code domainId}; empty when there is none, or when {@code ownExecutionArn} is not an
   * execution of the lifecycle state machine (the function was invoked directly, for example with a
   * sample event: no Step Functions call is made).
   */
  public Optional<String> of(String ownExecutionArn, String domainId, String user) {
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
            && onboards(execution.executionArn(), domainId, user)) {
          return Optional.of(execution.executionArn());
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return Optional.empty();
  }

  private boolean onboards(String executionArn, String domainId, String user) {
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
    return "ONBOARD".equals(input.path("action").asText())
        && domainId.equals(input.path("domainId").asText())
        && ProfileNames.same(user, input.path("userProfileName").asText(null));
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
